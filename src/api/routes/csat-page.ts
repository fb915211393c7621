import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answerSurvey, CsatAnswerSchema, findSurvey, MAX_COMMENT } from '../../csat/answer.js';
import { noticePage, PAGE_CSP, surveyPage } from '../../csat/page.js';
import type { SurveyLanguage } from '../../csat/texts.js';
import { isAppError } from '../../domain/errors.js';
import type { ApiContext } from '../context.js';
import { sendHtmlPage } from '../html-page.js';

const TokenParams = z.object({ token: z.string().max(200) });
const FORM_LIMIT = 16 * 1024;

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return sendHtmlPage(reply, body, { csp: PAGE_CSP, status, cacheControl: 'no-store' });
}

/** Before we know the survey, the browser's preference decides the language of the answer. */
function browserLanguage(req: FastifyRequest): SurveyLanguage {
  return /^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'de';
}

/**
 * The public survey page `/csat/{token}`: server-rendered, no script, no login; the random token
 * in the link is the only key. Answers are posted as a plain form and redirected back (POST, then GET).
 */
export function csatPageRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    app.get('/csat/:token', { schema: { hide: true, params: TokenParams } }, async (req, reply) => {
      const survey = await findSurvey(ctx.db, req.params.token).catch((err: unknown) => {
        if (isAppError(err) && err.code === 'not_found') return null;
        throw err;
      });
      if (!survey) return html(reply, 404, noticePage(browserLanguage(req), 'unknown'));
      if (survey.state === 'expired') return html(reply, 410, noticePage(survey.language, 'expired'));
      if (survey.state === 'used') return html(reply, 409, noticePage(survey.language, 'used'));
      return html(reply, 200, surveyPage({ language: survey.language, scale: survey.scale, action: `/csat/${req.params.token}`, rating: survey.rating, comment: survey.comment ?? '', saved: survey.state === 'answered' }));
    });

    app.post('/csat/:token', { schema: { hide: true, params: TokenParams } }, async (req, reply) => {
      const token = req.params.token;
      const survey = await findSurvey(ctx.db, token).catch((err: unknown) => {
        if (isAppError(err) && err.code === 'not_found') return null;
        throw err;
      });
      if (!survey) return html(reply, 404, noticePage(browserLanguage(req), 'unknown'));
      const form = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
      const parsed = CsatAnswerSchema.safeParse({ rating: form.rating, comment: form.comment ?? '' });
      if (!parsed.success) {
        const comment = typeof form.comment === 'string' ? form.comment : '';
        const error = comment.trim().length > MAX_COMMENT ? 'tooLong' : 'pick';
        return html(reply, 400, surveyPage({ language: survey.language, scale: survey.scale, action: `/csat/${token}`, rating: null, comment: comment.slice(0, MAX_COMMENT), error }));
      }
      try {
        await ctx.db.transaction().execute((trx) => answerSurvey(trx, token, parsed.data));
      } catch (err) {
        if (isAppError(err) && err.code === 'conflict') return html(reply, 409, noticePage(survey.language, err.details?.reason === 'expired' ? 'expired' : 'used'));
        throw err;
      }
      ctx.afterCommit();
      return reply.code(303).header('location', `/csat/${token}`).send();
    });
  };
}
