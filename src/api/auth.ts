import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiToken } from '../db/api-tokens.js';
import type { Actor } from '../db/history.js';
import type { Db, Role } from '../db/schema.js';
import { authenticateSession } from '../db/sessions.js';
import { AppError } from '../domain/errors.js';
import { TtlCache } from '../runtime/ttl-cache.js';
import { hashToken, safeEqual } from '../security/tokens.js';

export const SESSION_COOKIE = 'parley_session';

export interface Auth {
  workspaceId: string;
  role: Role;
  userId: string | null;
  tokenId: string | null;
  via: 'session' | 'token';
  csrfToken: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
}

const RANK: Record<Role, number> = { viewer: 0, agent: 1, admin: 2 };

function bearer(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return null;
}

/**
 * API tokens are looked up once per few seconds, not on every request of a busy integration.
 * Revoking a token clears this process's cache at once; other processes notice within the TTL.
 */
export const tokenCache = new TtlCache<Auth | null>(5_000);

/** Reads a session cookie or a bearer token; the WebSocket may pass the token as `?token=`. */
export async function authenticate(db: Db, req: FastifyRequest, allowQueryToken = false): Promise<Auth | null> {
  const queryToken = allowQueryToken ? (req.query as Record<string, unknown> | undefined)?.token : undefined;
  const token = bearer(req) ?? (typeof queryToken === 'string' ? queryToken : null);
  if (token) {
    return tokenCache.get(hashToken(token), async () => {
      const t = await authenticateApiToken(db, token);
      return t ? { workspaceId: t.workspaceId, role: t.role, userId: null, tokenId: t.tokenId, via: 'token', csrfToken: null } : null;
    });
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const s = await authenticateSession(db, cookie);
  if (!s) return null;
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
  // Cookies ride along on cross-site requests; a write must also prove it read our CSRF token.
  if (unsafe) {
    const header = req.headers['x-csrf-token'];
    if (typeof header !== 'string' || !safeEqual(header, s.csrfToken)) {
      throw new AppError('forbidden', 'Missing or wrong X-CSRF-Token header for a cookie-authenticated change.');
    }
  }
  return { workspaceId: s.workspaceId, role: s.role, userId: s.userId, tokenId: null, via: 'session', csrfToken: s.csrfToken };
}

export function requireAuth(req: FastifyRequest, minimum: Role = 'viewer'): Auth {
  const auth = req.auth;
  if (!auth) throw new AppError('unauthorized', 'Log in or send an API token (Authorization: Bearer …).');
  if (RANK[auth.role] < RANK[minimum]) throw new AppError('forbidden', `This needs the ${minimum} role; you have ${auth.role}.`);
  return auth;
}

export function actorOf(auth: Auth): Actor & { type: 'user' | 'token' } {
  return auth.userId ? { type: 'user', id: auth.userId } : { type: 'token', id: auth.tokenId };
}

export function noContent(reply: FastifyReply): FastifyReply {
  return reply.code(204).send();
}
