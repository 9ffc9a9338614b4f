import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, httpStatusFor } from '../shared/errors.ts';

interface FieldIssue {
  path: string;
  message: string;
}

/** Fastify's own error codes for bad requests, as Pathway's stable codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'body_too_large',
  FST_ERR_BAD_URL: 'invalid_url',
  FST_ERR_MAX_PARAM_LENGTH: 'url_too_long',
};

/**
 * A unique key the database refused: two requests created the same thing at the same moment, after
 * both checked it was free. The loser gets the answer a later request would have had, not a 500.
 */
const UNIQUE_VIOLATIONS = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

function validationIssues(error: FastifyError): FieldIssue[] {
  // Fastify names the query string 'querystring'; Pathway's field paths (and the UI) say 'query'.
  const context = error.validationContext ?? 'body';
  const where = context === 'querystring' ? 'query' : context;
  return (error.validation ?? []).flatMap((v) => {
    const base = [where, ...v.instancePath.split('/').filter(Boolean)].join('.');
    const keys = (v.params as { keys?: string[] }).keys;
    if (v.keyword === 'unrecognized_keys' && keys) {
      return keys.map((k) => ({ path: `${base}.${k}`, message: `Unknown field ${k}.` }));
    }
    return [{ path: base, message: v.message ?? 'Invalid value.' }];
  });
}

/** Turns anything thrown into `{ error: { code, message, details } }` with the status of its code. */
export function toErrorResponse(error: unknown): {
  status: number;
  body: { error: { code: string; message: string; details?: unknown } };
} {
  if (error instanceof AppError) {
    return {
      status: httpStatusFor(error.code),
      body: { error: { code: error.code, message: error.message, details: error.details } },
    };
  }
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const issues = validationIssues(fastifyError);
    const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return { status: 400, body: { error: { code: 'validation_failed', message, details: { issues } } } };
  }
  if (fastifyError.code && UNIQUE_VIOLATIONS.has(fastifyError.code)) {
    const body = {
      code: 'conflict',
      message: 'This was just created or changed by another request. Reload and retry.',
    };
    return { status: httpStatusFor('conflict'), body: { error: body } };
  }
  const code = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (code) return { status: httpStatusFor(code), body: { error: { code, message: fastifyError.message } } };
  if (fastifyError.statusCode === 429) {
    return { status: 429, body: { error: { code: 'too_many_requests', message: fastifyError.message } } };
  }
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, body: { error: { code: 'bad_request', message: fastifyError.message } } };
  }
  return { status: 500, body: { error: { code: 'internal_error', message: 'Something went wrong on the server.' } } };
}

export function handleError(error: unknown, req: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorResponse(error);
  if (status >= 500) req.log.error({ err: error }, 'request failed');
  const retryAfter = (body.error.details as { retryAfter?: unknown } | undefined)?.retryAfter;
  if (status === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.code(status).send(body);
}
