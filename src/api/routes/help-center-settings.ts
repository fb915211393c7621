import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getHelpCenterSettings, saveHelpCenterSettings } from '../../db/help-centers.js';
import { HelpCenterBody } from '../../kb/schemas.js';
import type { HelpCenterHosts } from '../../kb/help-center/hosts.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';

/** The public help center's look and own host name; admins change them. */
export function helpCenterSettingsRoutes(ctx: ApiContext, hosts: HelpCenterHosts): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/workspace/help-center', { schema: { tags: ['knowledge'] } }, async (req) => {
      const auth = requireAuth(req);
      return getHelpCenterSettings(ctx.db, auth.workspaceId);
    });
    app.put('/workspace/help-center', { schema: { tags: ['knowledge'], body: HelpCenterBody } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const saved = await saveHelpCenterSettings(ctx.db, auth.workspaceId, req.body);
      await hosts.refresh();
      return saved;
    });
  };
}
