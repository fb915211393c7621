import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getArticle, listArticles } from '../../db/articles.js';
import { getArticleVersion, listArticleVersions, restoreArticleVersion } from '../../kb/article-versions.js';
import { ArticleCreateBody, ArticleListQuery, ArticlePatchBody, VersionParams } from '../../kb/schemas.js';
import { createArticle, deleteArticle, publishArticle, updateArticle } from '../../kb/articles.js';
import { draftArticleFromConversation } from '../../kb/draft-from-conversation.js';
import { actorOf, type Auth, noContent, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

function editorOf(auth: Auth) {
  return { userId: auth.userId, role: auth.role };
}

/**
 * Knowledge base articles for agents: every status, versions with diffs, restore, and the
 * admin's review that publishes. Viewers read only.
 */
export function articleRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/articles', { schema: { tags: ['knowledge'], querystring: ArticleListQuery } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await listArticles(ctx.db, auth.workspaceId, req.query), nextCursor: null };
    });

    app.post('/articles', { schema: { tags: ['knowledge'], body: ArticleCreateBody } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      return reply.code(201).send(await createArticle(ctx.db, auth.workspaceId, editorOf(auth), req.body));
    });

    app.get('/articles/:id', { schema: { tags: ['knowledge'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      return getArticle(ctx.db, auth.workspaceId, req.params.id);
    });

    app.patch('/articles/:id', { schema: { tags: ['knowledge'], params: IdParams, body: ArticlePatchBody } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      return updateArticle(ctx.db, auth.workspaceId, req.params.id, editorOf(auth), req.body);
    });

    app.delete('/articles/:id', { schema: { tags: ['knowledge'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      await deleteArticle(ctx.db, auth.workspaceId, req.params.id, editorOf(auth));
      return noContent(reply);
    });

    app.get('/articles/:id/versions', { schema: { tags: ['knowledge'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await listArticleVersions(ctx.db, auth.workspaceId, req.params.id), nextCursor: null };
    });

    app.get('/articles/:id/versions/:version', { schema: { tags: ['knowledge'], params: VersionParams } }, async (req) => {
      const auth = requireAuth(req);
      return getArticleVersion(ctx.db, auth.workspaceId, req.params.id, req.params.version);
    });

    app.post('/articles/:id/versions/:version/restore', { schema: { tags: ['knowledge'], params: VersionParams } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      return restoreArticleVersion(ctx.db, auth.workspaceId, req.params.id, req.params.version, editorOf(auth));
    });

    app.post('/articles/:id/publish', { schema: { tags: ['knowledge'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      return publishArticle(ctx.db, auth.workspaceId, req.params.id, editorOf(auth));
    });

    app.post('/conversations/:id/article-draft', { schema: { tags: ['knowledge'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const { article, created } = await draftArticleFromConversation(ctx.db, auth.workspaceId, req.params.id, { ...editorOf(auth), actor: actorOf(auth) });
      return reply.code(created ? 201 : 200).send(article);
    });
  };
}
