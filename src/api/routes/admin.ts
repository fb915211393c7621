import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../db/audit-log.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../db/api-tokens.js';
import { createCannedResponse, deleteCannedResponse, listCannedResponses, updateCannedResponse } from '../../db/canned-responses.js';
import { createLabel, deleteLabel, listLabels } from '../../db/labels.js';
import { createTeam, deleteTeam, listTeams, updateTeam } from '../../db/teams.js';
import { createUser, getUser, listUsers, toUserDto, updateUser } from '../../db/users.js';
import { AppError } from '../../domain/errors.js';
import { actorOf, noContent, requireAuth, tokenCache } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams, Name, RoleSchema } from '../schemas.js';

const CreateUser = z.object({ email: z.email().max(320), name: Name, role: RoleSchema, password: z.string().min(10).max(1000).optional(), locale: z.enum(['de', 'en']).optional() }).strict();
const PatchUser = z.object({ name: Name.optional(), role: RoleSchema.optional(), locale: z.enum(['de', 'en']).nullable().optional(), password: z.string().min(10).max(1000).optional(), disabled: z.boolean().optional() }).strict();
const CreateTeam = z.object({ name: Name, kind: z.string().trim().min(1).max(40).optional(), memberIds: z.array(z.uuid()).max(1000).optional() }).strict();
const PatchTeam = CreateTeam.partial();
const CreateLabel = z.object({ name: z.string().trim().min(1).max(60), color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional() }).strict();
const CannedBody = z.object({ title: z.string().trim().min(1).max(120), body: z.string().trim().min(1).max(10_000) }).strict();
const CreateToken = z.object({ name: Name, role: RoleSchema, expiresAt: z.iso.datetime({ offset: true }).optional() }).strict();

export function adminRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/users', { schema: { tags: ['users'] } }, async (req) => {
      const auth = requireAuth(req);
      return { items: (await listUsers(ctx.db, auth.workspaceId)).map(toUserDto), nextCursor: null };
    });
    app.post('/users', { schema: { tags: ['users'], body: CreateUser } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      const user = await ctx.db.transaction().execute(async (trx) => {
        const created = await createUser(trx, auth.workspaceId, req.body);
        await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'user.created', targetType: 'user', targetId: created.id, metadata: { role: created.role } });
        return created;
      });
      return reply.code(201).send(toUserDto(user));
    });
    app.patch('/users/:id', { schema: { tags: ['users'], params: IdParams, body: PatchUser } }, async (req) => {
      const auth = requireAuth(req);
      const self = auth.userId === req.params.id;
      // People may change their own name, language and password; everything else is an admin's job.
      const selfOnly = req.body.role === undefined && req.body.disabled === undefined;
      if (!(auth.role === 'admin' || (self && selfOnly))) throw new AppError('forbidden', 'Only admins can change other users, roles or access.');
      if (self && req.body.role !== undefined && req.body.role !== 'admin') throw new AppError('conflict', 'Admins cannot take their own admin role away; ask another admin.');
      const user = await ctx.db.transaction().execute(async (trx) => {
        const before = await getUser(trx, auth.workspaceId, req.params.id);
        const after = await updateUser(trx, auth.workspaceId, req.params.id, req.body);
        const { role, ...rest } = req.body;
        if (role !== undefined && role !== before.role) {
          await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'user.role_changed', targetType: 'user', targetId: after.id, metadata: { from: before.role, to: role } });
        }
        const fields = Object.keys(rest).sort();
        if (fields.length > 0) await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'user.updated', targetType: 'user', targetId: after.id, metadata: { fields } });
        return after;
      });
      return toUserDto(user);
    });

    app.get('/teams', { schema: { tags: ['teams'] } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await listTeams(ctx.db, auth.workspaceId), nextCursor: null };
    });
    app.post('/teams', { schema: { tags: ['teams'], body: CreateTeam } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      const team = await ctx.db.transaction().execute((trx) => createTeam(trx, auth.workspaceId, req.body));
      return reply.code(201).send({ id: team.id, name: team.name, kind: team.kind, memberIds: req.body.memberIds ?? [] });
    });
    app.patch('/teams/:id', { schema: { tags: ['teams'], params: IdParams, body: PatchTeam } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const team = await ctx.db.transaction().execute((trx) => updateTeam(trx, auth.workspaceId, req.params.id, req.body));
      return (await listTeams(ctx.db, auth.workspaceId)).find((t) => t.id === team.id);
    });
    app.delete('/teams/:id', { schema: { tags: ['teams'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      await deleteTeam(ctx.db, auth.workspaceId, req.params.id);
      return noContent(reply);
    });

    app.get('/labels', { schema: { tags: ['labels'] } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await listLabels(ctx.db, auth.workspaceId), nextCursor: null };
    });
    app.post('/labels', { schema: { tags: ['labels'], body: CreateLabel } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      return reply.code(201).send(await createLabel(ctx.db, auth.workspaceId, req.body));
    });
    app.delete('/labels/:id', { schema: { tags: ['labels'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      await deleteLabel(ctx.db, auth.workspaceId, req.params.id);
      return noContent(reply);
    });

    app.get('/canned-responses', { schema: { tags: ['canned responses'] } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await listCannedResponses(ctx.db, auth.workspaceId), nextCursor: null };
    });
    app.post('/canned-responses', { schema: { tags: ['canned responses'], body: CannedBody } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      return reply.code(201).send(await createCannedResponse(ctx.db, auth.workspaceId, { ...req.body, createdBy: auth.userId }));
    });
    app.patch('/canned-responses/:id', { schema: { tags: ['canned responses'], params: IdParams, body: CannedBody.partial() } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      return updateCannedResponse(ctx.db, auth.workspaceId, req.params.id, req.body);
    });
    app.delete('/canned-responses/:id', { schema: { tags: ['canned responses'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      await deleteCannedResponse(ctx.db, auth.workspaceId, req.params.id);
      return noContent(reply);
    });

    app.get('/tokens', { schema: { tags: ['tokens'] } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      return { items: await listApiTokens(ctx.db, auth.workspaceId), nextCursor: null };
    });
    app.post('/tokens', { schema: { tags: ['tokens'], body: CreateToken } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      const { token, dto } = await ctx.db.transaction().execute(async (trx) => {
        const created = await createApiToken(trx, auth.workspaceId, { name: req.body.name, role: req.body.role, createdBy: auth.userId, ...(req.body.expiresAt && { expiresAt: new Date(req.body.expiresAt) }) });
        await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'token.created', targetType: 'token', targetId: created.dto.id, metadata: { role: created.dto.role } });
        return created;
      });
      return reply.code(201).send({ ...dto, token });
    });
    app.delete('/tokens/:id', { schema: { tags: ['tokens'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      await ctx.db.transaction().execute(async (trx) => {
        await revokeApiToken(trx, auth.workspaceId, req.params.id);
        await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'token.revoked', targetType: 'token', targetId: req.params.id });
      });
      tokenCache.clear();
      return noContent(reply);
    });
  };
}
