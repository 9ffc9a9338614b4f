import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../shared/errors.ts';

/** U+0000, or a surrogate not in a pair (with the u flag a proper pair is one code point, never Cs). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what this refuses.
const UNSTORABLE = /[\u0000\p{Cs}]/u;

/** The first string under `value` that no database stores faithfully: U+0000, or an unpaired surrogate. */
function unstorableText(value: unknown, where: string): string | null {
  // Iterative, so a body nested thousands deep cannot overflow the stack here.
  const stack: Array<[unknown, string]> = [[value, where]];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (typeof node === 'string') {
      if (UNSTORABLE.test(node)) return at;
    } else if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) stack.push([item, `${at}.${i}`]);
    } else if (isPlainObject(node)) {
      for (const [key, item] of Object.entries(node)) {
        if (UNSTORABLE.test(key)) return at;
        stack.push([item, `${at}.${key}`]);
      }
    }
  }
  return null;
}

/**
 * Parsed JSON, and query strings (whose parser makes objects on a prototype-less prototype); not
 * uploads or other class instances.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

async function refuseUnstorableText(req: FastifyRequest) {
  const field =
    unstorableText(req.params, 'params') ?? unstorableText(req.query, 'query') ?? unstorableText(req.body, 'body');
  if (field) {
    throw new AppError('invalid_text', `${field}: text may not contain U+0000 or unpaired surrogate characters.`, {
      field,
    });
  }
}

/**
 * Input is strict everywhere, checked once at the edge: a documented route refuses query
 * parameters it does not declare (400 validation_failed naming them), and no string in the path,
 * query or body may hold what PostgreSQL refuses or silently changes (400 invalid_text).
 */
export function requireStrictInput(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { hide?: boolean; querystring?: unknown } | undefined;
    if (!schema || schema.hide) return;
    const query = schema.querystring ?? z.object({});
    if (!(query instanceof z.ZodObject)) {
      throw new Error(
        `${route.method} ${route.url}: its querystring schema must be a z.object so unknown keys are refused.`,
      );
    }
    schema.querystring = query.strict();
  });
  app.addHook('preValidation', refuseUnstorableText);
}
