import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditFilter, findAuditEntries, recordAudit } from '../../db/audit-log.js';
import type { Db } from '../../db/schema.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { AUDIT_CSV_HEADER, auditCsvRow, auditJsonLine } from '../../privacy/audit-format.js';
import { actorOf, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { Limit } from '../schemas.js';

const Filters = {
  action: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(AUDIT_ACTIONS)).max(AUDIT_ACTIONS.length))
    .optional(),
  actorId: z.uuid().optional(),
  targetType: z.string().trim().min(1).max(60).optional(),
  targetId: z.uuid().optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
};
const ListAudit = z.object({ ...Filters, limit: Limit, cursor: z.string().max(200).optional() }).strict();
const ExportAudit = z.object({ ...Filters, format: z.enum(['jsonl', 'csv']).default('jsonl') }).strict();
const AuditCursor = z.object({ id: z.string().regex(/^\d{1,19}$/) }).strict();

const EXPORT_PAGE = 1000;

type Query = z.infer<typeof ListAudit> | z.infer<typeof ExportAudit>;

function filterOf(q: Query): Omit<AuditFilter, 'limit'> {
  return {
    ...(q.action && { actions: q.action }),
    ...(q.actorId && { actorId: q.actorId }),
    ...(q.targetType && { targetType: q.targetType }),
    ...(q.targetId && { targetId: q.targetId }),
    ...(q.since && { since: q.since }),
    ...(q.until && { until: q.until }),
  };
}

/** Pages through the whole filtered log, newest first, without holding it in memory. */
async function* exportLines(db: Db, workspaceId: string, filter: Omit<AuditFilter, 'limit'>, format: 'jsonl' | 'csv'): AsyncGenerator<string> {
  if (format === 'csv') yield AUDIT_CSV_HEADER;
  let beforeId: string | undefined;
  for (;;) {
    const page = await findAuditEntries(db, workspaceId, { ...filter, limit: EXPORT_PAGE, ...(beforeId && { beforeId }) });
    for (const e of page) yield format === 'csv' ? auditCsvRow(e) : auditJsonLine(e);
    if (page.length < EXPORT_PAGE) return;
    beforeId = page[page.length - 1]?.id;
  }
}

/** The audit log: admins read, filter and export it; nobody changes it. */
export function auditLogRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/audit-log', { schema: { tags: ['audit log'], querystring: ListAudit } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const { limit, cursor } = req.query;
      const before = cursor ? decodeCursor(cursor, AuditCursor).id : undefined;
      const rows = await findAuditEntries(ctx.db, auth.workspaceId, { ...filterOf(req.query), limit: limit + 1, ...(before && { beforeId: before }) });
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null };
    });

    app.get('/audit-log/export', { schema: { tags: ['audit log'], querystring: ExportAudit } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      const { format } = req.query;
      const filter = filterOf(req.query);
      await recordAudit(ctx.db, auth.workspaceId, actorOf(auth), { action: 'audit_log.exported', targetType: 'workspace', targetId: auth.workspaceId, metadata: { format } });
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-log-${stamp}.${format}"`)
        .send(Readable.from(exportLines(ctx.db, auth.workspaceId, filter, format)));
    });
  };
}
