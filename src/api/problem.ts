import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isUnstorableText } from '../db/unstorable-text.js';
import { type ErrorCode, isAppError } from '../domain/errors.js';

// The one place where error codes become HTTP statuses.
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export interface Problem {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export function problem(code: string, message: string, details?: Record<string, unknown>): Problem {
  return { error: { code, message, ...(details && { details }) } };
}

export function handleError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isAppError(err)) {
    if (err.code === 'rate_limited' && typeof err.details?.retryAfterMs === 'number') {
      reply.header('retry-after', Math.ceil(err.details.retryAfterMs / 1000));
    }
    return reply.code(HTTP_STATUS[err.code]).send(problem(err.code, err.message, err.details));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issue = err.validation[0];
    const field = [err.validationContext, ...(issue?.instancePath ?? '').split('/').filter(Boolean)].join('.');
    const message = issue?.message ?? 'invalid value';
    return reply.code(400).send(problem('invalid', `${field}: ${message}`, { field, issues: err.validation.map((v) => ({ path: v.instancePath, message: v.message })) }));
  }
  if (isUnstorableText(err)) {
    return reply.code(400).send(problem('invalid', 'The request holds a character that cannot be stored or searched (such as NUL); remove it and try again.'));
  }
  const fastifyCode = 'code' in err ? err.code : undefined;
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.code(413).send(problem('too_large', 'The request body is larger than the server accepts.'));
  }
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return reply.code(415).send(problem('invalid', 'Send the body as application/json.'));
  }
  const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status >= 400 && status < 500) {
    return reply.code(400).send(problem('invalid', err.message));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.code(500).send(problem('internal', 'Something went wrong on our side. Try again; if it persists, check the server log.'));
}
