import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentUrl, getAttachment, type StoredAttachment, storeAttachments } from '../../db/attachments.js';
import { contentDisposition, MAX_ATTACHMENT_BYTES } from '../../domain/attachment-file.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

const Upload = z.object({ filename: z.string().trim().min(1).max(500) }).strict();

/** Always a download, never rendered in Parley's origin, whatever the sender called it. */
export function sendAttachment(reply: FastifyReply, file: StoredAttachment): FastifyReply {
  return reply
    .header('content-disposition', contentDisposition(file.filename))
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .type(file.contentType || 'application/octet-stream')
    .send(file.content);
}

/**
 * Files of messages: agents upload a file (the raw bytes as the body, its type as Content-Type)
 * and send its id with a reply; every role of the workspace may download.
 */
export function attachmentRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    // In this scope every body is a file, JSON included: it is stored, never parsed.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES }, (_req, body, done) => done(null, body));

    app.post('/attachments', { schema: { tags: ['attachments'], querystring: Upload } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const content = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const [meta] = await storeAttachments(ctx.db, auth.workspaceId, [{ filename: req.query.filename, contentType: req.headers['content-type'] ?? null, content }]);
      return reply.code(201).send({ ...meta, url: attachmentUrl(meta!.id) });
    });

    app.get('/attachments/:id', { schema: { tags: ['attachments'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req);
      return sendAttachment(reply, await getAttachment(ctx.db, auth.workspaceId, req.params.id));
    });
  };
}
