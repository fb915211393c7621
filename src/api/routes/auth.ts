import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { User } from '../../db/schema.js';
import { createSession, deleteSession, SESSION_HOURS } from '../../db/sessions.js';
import { findUserByEmail, getUser, toUserDto } from '../../db/users.js';
import { getWorkspace } from '../../db/workspaces.js';
import { AppError } from '../../domain/errors.js';
import { verifyAgainstDummy, verifyPassword } from '../../security/passwords.js';
import { authenticate, noContent, requireAuth, SESSION_COOKIE } from '../auth.js';
import type { ApiContext } from '../context.js';

const LoginBody = z.object({ email: z.string().trim().max(320), password: z.string().max(1000) }).strict();

/** Starts a session for the user in a cookie and answers what the app needs to begin. */
export async function openSession(ctx: ApiContext, reply: FastifyReply, user: User) {
  const session = await createSession(ctx.db, user.id, user.workspaceId);
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.secureCookies,
    maxAge: SESSION_HOURS * 3600,
  });
  const workspace = await getWorkspace(ctx.db, user.workspaceId);
  return { user: toUserDto(user), workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name, locale: workspace.locale }, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
}

export function authRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/auth/login', { schema: { tags: ['auth'], body: LoginBody } }, async (req, reply) => {
      const keys = [`login-ip:${req.ip}`, `login-email:${req.body.email.toLowerCase()}`];
      await ctx.limits.login.check(keys);
      const user = await findUserByEmail(ctx.db, req.body.email);
      const ok = user && !user.disabledAt ? await verifyPassword(user.passwordHash, req.body.password) : await verifyAgainstDummy(req.body.password);
      if (!user || !ok) {
        await ctx.limits.login.hit(keys);
        throw new AppError('unauthorized', 'E-mail or password is wrong.');
      }
      await ctx.limits.login.forget([`login-email:${req.body.email.toLowerCase()}`]);
      return openSession(ctx, reply, user);
    });

    app.post('/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) {
        await authenticate(ctx.db, req);
        await deleteSession(ctx.db, cookie);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return noContent(reply);
    });

    app.get('/auth/me', { schema: { tags: ['auth'] } }, async (req) => {
      const auth = requireAuth(req);
      const workspace = await getWorkspace(ctx.db, auth.workspaceId);
      const user = auth.userId ? toUserDto(await getUser(ctx.db, auth.workspaceId, auth.userId)) : null;
      return { user, role: auth.role, workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name, locale: workspace.locale }, csrfToken: auth.csrfToken };
    });
  };
}
