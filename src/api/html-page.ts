import type { FastifyReply } from 'fastify';

/**
 * A server-rendered public page (help center, survey): its own strict policy, which the app's
 * default leaves alone, and never framed by another site.
 */
export function sendHtmlPage(reply: FastifyReply, body: string, page: { csp: string; status?: number; cacheControl: string }): FastifyReply {
  return reply
    .code(page.status ?? 200)
    .header('content-security-policy', page.csp)
    .header('x-frame-options', 'DENY')
    .header('cache-control', page.cacheControl)
    .type('text/html; charset=utf-8')
    .send(body);
}
