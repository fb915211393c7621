import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getAttachment } from '../../db/attachments.js';
import { contentDisposition } from '../../domain/attachment-file.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

/** Downloads of files that came with messages; every role of the workspace may read them. */
export function attachmentRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/attachments/:id', { schema: { tags: ['attachments'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req);
      const file = await getAttachment(ctx.db, auth.workspaceId, req.params.id);
      // Always a download, never rendered in Parley's origin, whatever the sender called it.
      return reply
        .header('content-disposition', contentDisposition(file.filename))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .type(file.contentType || 'application/octet-stream')
        .send(file.content);
    });
  };
}
