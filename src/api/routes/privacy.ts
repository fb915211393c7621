import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../db/audit-log.js';
import { listConsents, recordConsent } from '../../db/consents.js';
import { getContact } from '../../db/contacts.js';
import { eraseContact } from '../../privacy/erase-contact.js';
import { exportContact } from '../../privacy/export-contact.js';
import { exportLanguage, renderExportHtml } from '../../privacy/export-html.js';
import { getRetention, previewRetention, setRetention } from '../../privacy/retention.js';
import { actorOf, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

const ExportQuery = z.object({ format: z.enum(['json', 'html']).default('json'), lang: z.enum(['de', 'en']).optional() }).strict();
const ConsentBody = z
  .object({
    purpose: z.string().trim().min(1).max(100),
    status: z.enum(['given', 'withdrawn']),
    source: z.string().trim().min(1).max(200),
    channelId: z.uuid().nullable().optional(),
    recordedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

const Days = z.number().int().min(1).max(36_500).nullable();
const Retention = z.object({ conversationDays: Days, conversationAction: z.enum(['delete', 'anonymise']), mentionDays: Days }).strict();
const QueryDays = z.union([z.literal('none').transform(() => null), z.coerce.number().int().min(1).max(36_500)]).optional();
const RetentionPreview = z.object({ conversationDays: QueryDays, conversationAction: z.enum(['delete', 'anonymise']).optional(), mentionDays: QueryDays }).strict();

// The summary is a file to keep, not a page of the app: nothing in it may load or run.
const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/**
 * Data-subject rights on a contact. Export and erasure are for admins: both hand over or destroy
 * everything about a person at once, which is the data-protection officer's decision, not an
 * agent's. Consents are read by everyone and recorded by agents, who hear them from customers.
 * Retention is set by admins, who see first what it would remove.
 */
export function privacyRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/contacts/:id/export', { schema: { tags: ['privacy'], params: IdParams, querystring: ExportQuery } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      const archive = await ctx.db.transaction().execute(async (trx) => {
        const a = await exportContact(trx, auth.workspaceId, req.params.id);
        await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'contact.exported', targetType: 'contact', targetId: a.contact.id, metadata: { format: req.query.format, conversations: a.conversations.length } });
        return a;
      });
      const name = `contact-${archive.contact.id}.${req.query.format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
      if (req.query.format === 'json') return reply.type('application/json; charset=utf-8').send(archive);
      const lang = exportLanguage(req.query.lang, req.headers['accept-language']);
      return reply.type('text/html; charset=utf-8').header('content-security-policy', EXPORT_CSP).send(renderExportHtml(archive, lang));
    });

    app.post('/contacts/:id/erase', { schema: { tags: ['privacy'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const report = await eraseContact(ctx.db, auth.workspaceId, req.params.id, actorOf(auth));
      ctx.afterCommit();
      return report;
    });

    app.get('/contacts/:id/consents', { schema: { tags: ['privacy'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      const contact = await getContact(ctx.db, auth.workspaceId, req.params.id);
      return { items: await listConsents(ctx.db, auth.workspaceId, [contact.id]), nextCursor: null };
    });

    app.post('/contacts/:id/consents', { schema: { tags: ['privacy'], params: IdParams, body: ConsentBody } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const consent = await ctx.db.transaction().execute(async (trx) => {
        const contact = await getContact(trx, auth.workspaceId, req.params.id);
        const row = await recordConsent(trx, auth.workspaceId, contact.id, auth.userId, req.body);
        await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'consent.recorded', targetType: 'contact', targetId: contact.id, metadata: { consentId: row.id, status: row.status } });
        return row;
      });
      return reply.code(201).send(consent);
    });

    app.get('/workspace/retention', { schema: { tags: ['privacy'] } }, async (req) => {
      const auth = requireAuth(req);
      return getRetention(ctx.db, auth.workspaceId);
    });

    app.put('/workspace/retention', { schema: { tags: ['privacy'], body: Retention } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const settings = await ctx.db.transaction().execute(async (trx) => {
        const saved = await setRetention(trx, auth.workspaceId, req.body);
        await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'retention.updated', targetType: 'workspace', targetId: auth.workspaceId, metadata: { ...saved } });
        return saved;
      });
      return { ...settings, due: await previewRetention(ctx.db, auth.workspaceId, settings) };
    });

    /** What the saved settings, or the ones given here, would remove if the job ran now. */
    app.get('/workspace/retention/preview', { schema: { tags: ['privacy'], querystring: RetentionPreview } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const saved = await getRetention(ctx.db, auth.workspaceId);
      const q = req.query;
      const settings = {
        conversationDays: q.conversationDays === undefined ? saved.conversationDays : q.conversationDays,
        conversationAction: q.conversationAction ?? saved.conversationAction,
        mentionDays: q.mentionDays === undefined ? saved.mentionDays : q.mentionDays,
      };
      return { ...settings, due: await previewRetention(ctx.db, auth.workspaceId, settings) };
    });
  };
}
