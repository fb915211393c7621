import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptInvite, describeInvite, inviteUser } from '../../accounts/invitations.js';
import { requestPasswordReset, resetPassword } from '../../accounts/password-reset.js';
import { listPendingInvites, revokeInvite, toInviteDto } from '../../db/account-tokens.js';
import { recordAudit } from '../../db/audit-log.js';
import { MIN_PASSWORD_LENGTH } from '../../db/users.js';
import { AppError } from '../../domain/errors.js';
import { actorOf, noContent, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams, Name, RoleSchema } from '../schemas.js';
import { openSession } from './auth.js';

/** Tokens are checked by the domain so that blank and malformed ones get the same answer as unknown ones. */
const Token = z.string().max(200);
const Password = z.string().min(MIN_PASSWORD_LENGTH).max(1000);
const Locale = z.enum(['de', 'en']);
const ResetRequest = z.object({ email: z.string().trim().min(1).max(320) }).strict();
const ResetConfirm = z.object({ token: Token, password: Password }).strict();
const InviteLookup = z.object({ token: Token }).strict();
const InviteAccept = z.object({ token: Token, name: Name, password: Password, locale: Locale.optional() }).strict();
const CreateInvite = z.object({ email: z.email().max(320), role: RoleSchema, locale: Locale.optional() }).strict();

/** Routes a person reaches without being logged in; the API's authentication hook leaves them alone. */
export const PUBLIC_ACCOUNT_PATHS = ['/api/v1/auth/password-reset', '/api/v1/auth/invitation'];

export function accountRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    const mailOptions = () => ({ box: ctx.box, publicUrl: ctx.publicUrl(), allowPrivateNetworks: ctx.allowPrivateNetworks });

    app.post('/auth/password-reset', { schema: { tags: ['auth'], body: ResetRequest } }, async (req, reply) => {
      const email = req.body.email.toLowerCase();
      await ctx.limits.resetByAddress.check([`reset-ip:${req.ip}`]);
      await ctx.limits.resetByEmail.check([`reset-email:${email}`]);
      await Promise.all([ctx.limits.resetByAddress.hit([`reset-ip:${req.ip}`]), ctx.limits.resetByEmail.hit([`reset-email:${email}`])]);
      // Answered before looking anything up, so neither the answer nor its timing tells whether the
      // address has an account; a failed mail is the server's log's business, not the asker's.
      void requestPasswordReset(ctx.db, email, mailOptions()).catch((err: unknown) => req.log.warn({ err }, 'password-reset mail not sent'));
      return reply.code(202).send({ status: 'accepted' });
    });

    app.post('/auth/password-reset/confirm', { schema: { tags: ['auth'], body: ResetConfirm } }, async (req, reply) => {
      await resetPassword(ctx.db, req.body.token, req.body.password);
      return noContent(reply);
    });

    app.post('/auth/invitation', { schema: { tags: ['auth'], body: InviteLookup } }, async (req) => describeInvite(ctx.db, req.body.token));

    app.post('/auth/invitation/accept', { schema: { tags: ['auth'], body: InviteAccept } }, async (req, reply) => {
      const user = await acceptInvite(ctx.db, req.body.token, req.body);
      return reply.code(201).send(await openSession(ctx, reply, user));
    });

    app.get('/users/invites', { schema: { tags: ['users'] } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      return { items: (await listPendingInvites(ctx.db, auth.workspaceId)).map(toInviteDto), nextCursor: null };
    });

    app.post('/users/invites', { schema: { tags: ['users'], body: CreateInvite } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      const created = await inviteUser(ctx.db, auth.workspaceId, actorOf(auth), req.body, mailOptions());
      return reply.code(201).send({ ...toInviteDto(created.invite), link: created.link, mailed: created.mailError === null, mailError: created.mailError });
    });

    app.delete('/users/invites/:id', { schema: { tags: ['users'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await revokeInvite(trx, auth.workspaceId, req.params.id))) throw new AppError('not_found', 'Invitation not found.');
        await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'user.invite_revoked', targetType: 'invite', targetId: req.params.id });
      });
      return noContent(reply);
    });
  };
}
