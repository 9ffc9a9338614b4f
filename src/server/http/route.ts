import type {
  FastifySchema,
  HTTPMethods,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
  RouteShorthandOptions,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { ZodApp } from './app.ts';

/** "METHOD /path", the path in Fastify's syntax (`:param`): one key names a route on both sides. */
export type RouteKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;

/** What a route accepts and answers: its zod schemas, and its OpenAPI text. */
export interface RouteSchema {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  response?: { readonly [status: number]: z.ZodType };
  description?: string;
  consumes?: readonly string[];
  /** Left out of the OpenAPI document. */
  hide?: boolean;
}

/**
 * A module's routes by key, e.g. `'GET /api/org-units/:unitId': { params, response: { 200: ... } }`.
 * The server registers each with `route`; the web client types `call` from the same map
 * (src/web/api/routes.ts imports it type-only).
 */
export type ApiMap = { readonly [key: RouteKey]: RouteSchema };

type Schema<S extends RouteSchema> = S & { tags: string[] } & FastifySchema;

/** Everything a route declares besides its schema (auth, rate limit, hooks), plus its OpenAPI tags. */
export type RouteOptions<S extends RouteSchema> = Omit<
  RouteShorthandOptions<
    RawServerDefault,
    RawRequestDefaultExpression,
    RawReplyDefaultExpression,
    RouteGenericInterface,
    unknown,
    Schema<S>,
    ZodTypeProvider
  >,
  'schema'
> & { tags: string[] };

export type RouteHandler<S extends RouteSchema> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  unknown,
  Schema<S>,
  ZodTypeProvider
>;

/**
 * Registers the route `key` of `map` with its schema: the method and URL come from the key, so
 * the path and the schema are each written once; the handler is typed by the zod type provider.
 */
export function route<M extends ApiMap, K extends keyof M & RouteKey>(
  app: ZodApp,
  map: M,
  key: K,
  { tags, ...options }: RouteOptions<M[K]>,
  handler: RouteHandler<M[K]>,
) {
  const space = key.indexOf(' ');
  app.route({
    ...options,
    method: key.slice(0, space) as HTTPMethods,
    url: key.slice(space + 1),
    schema: { tags, ...(map[key] as RouteSchema) } as FastifySchema,
    handler: handler as RouteHandlerMethod,
  } as Parameters<ZodApp['route']>[0]);
}
