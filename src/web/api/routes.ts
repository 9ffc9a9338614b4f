// The web client typed from the server's route maps: a route is named by its key ("GET /api/org-units/:unitId"),
// its input and answer types come from its zod schemas. The maps are imported type-only: no zod or server code
// reaches the browser.
import { type QueryKey, type UseQueryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { accountsApi } from '../../server/modules/accounts/accounts.api.ts';
import type { assessmentApi } from '../../server/modules/assessment/assessment.api.ts';
import type { auditApi } from '../../server/modules/audit/audit.api.ts';
import type { CommunityApi } from '../../server/modules/community/community.api.ts';
import type { exchangeApi, frameworksApi } from '../../server/modules/frameworks/frameworks.api.ts';
import type { importsApi } from '../../server/modules/imports/imports.api.ts';
import type { monitoringApi } from '../../server/modules/monitoring/monitoring.api.ts';
import type { notificationsApi } from '../../server/modules/notifications/notifications.api.ts';
import type { orgApi } from '../../server/modules/org/org.api.ts';
import type { peopleApi } from '../../server/modules/people/people.api.ts';
import type { PracticeApi } from '../../server/modules/practice/practice.api.ts';
import type { privacyApi } from '../../server/modules/privacy/privacy.api.ts';
import type { recognitionApi } from '../../server/modules/recognition/recognition.api.ts';
import type { regionalApi } from '../../server/modules/regional/regional.api.ts';
import type { SurveysApi } from '../../server/modules/surveys/surveys.api.ts';
import type { trainingApi } from '../../server/modules/training/training.api.ts';
import type { translationsApi } from '../../server/modules/translations/translations.api.ts';
import { api, upload } from './client.ts';

type Api = typeof accountsApi &
  typeof assessmentApi &
  typeof auditApi &
  typeof exchangeApi &
  typeof frameworksApi &
  typeof importsApi &
  typeof monitoringApi &
  typeof notificationsApi &
  typeof translationsApi &
  typeof orgApi &
  typeof peopleApi &
  PracticeApi &
  typeof privacyApi &
  typeof recognitionApi &
  typeof regionalApi &
  SurveysApi &
  CommunityApi &
  typeof trainingApi;

/** Every route the client can call, as "METHOD /path". */
export type ApiKey = keyof Api & string;
type GetKey = Extract<ApiKey, `GET ${string}`>;

type Success = 200 | 201 | 202 | 204;
/** What a route answers: the output of its 2xx response schema (undefined when it answers no body). */
export type ApiResponse<K extends ApiKey> = Api[K] extends { response: infer R }
  ? R[Extract<keyof R, Success>] extends infer T extends z.ZodType
    ? z.output<T>
    : undefined
  : undefined;

type Optional<S, Field extends string, Name extends string> = S extends { [F in Field]: infer T extends z.ZodType }
  ? Record<never, never> extends z.input<T>
    ? { [N in Name]?: z.input<T> }
    : { [N in Name]: z.input<T> }
  : { [N in Name]?: never };
// A body schema always wants a body, even one whose fields are all optional.
type Needed<S, Field extends string, Name extends string> = S extends { [F in Field]: infer T extends z.ZodType }
  ? { [N in Name]: z.input<T> }
  : { [N in Name]?: never };

/** What a route takes: its path parameters, query and JSON body, each the input of its schema. */
// Distributed over K: for the union of every key this is one input per route, not the product of three unions.
export type ApiInput<K extends ApiKey> = K extends ApiKey
  ? Optional<Api[K], 'params', 'params'> & Optional<Api[K], 'querystring', 'query'> & Needed<Api[K], 'body', 'body'>
  : never;
type Args<K extends ApiKey> = Record<never, never> extends ApiInput<K> ? [input?: ApiInput<K>] : [input: ApiInput<K>];

interface RawInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

function split(key: string): { method: string; path: string } {
  const space = key.indexOf(' ');
  return { method: key.slice(0, space), path: key.slice(space + 1) };
}

function queryString(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, String(one));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// Read as plain values: the map's union of inputs is too large for TypeScript to relate to RawInput directly.
function rawInput(args: unknown): RawInput {
  return (args as [RawInput?])[0] ?? {};
}

function urlOf(key: string, { params, query }: RawInput): string {
  const path = split(key).path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') throw new Error(`${key}: no value for :${name}`);
    return encodeURIComponent(String(value));
  });
  return path + queryString(query);
}

/** The URL of a route (parameters encoded, undefined query values left out): for links and downloads. */
export function routeUrl<K extends ApiKey>(key: K, ...args: Args<K>): string {
  return urlOf(key, rawInput(args));
}

/** Calls a route through `api` (CSRF header, coded errors), typed by its schemas. */
export function call<K extends ApiKey>(key: K, ...args: Args<K>): Promise<ApiResponse<K>> {
  const raw = rawInput(args);
  return api<ApiResponse<K>>(urlOf(key, raw), { method: split(key).method, body: raw.body });
}

/**
 * Sends a file as the raw body of an upload route (`params` and `query` as for `call`), reporting
 * progress (0..1).
 */
export function sendFile<K extends ApiKey>(
  key: K,
  input: Omit<ApiInput<K>, 'body'>,
  file: Blob,
  contentType: string,
  onProgress: (share: number) => void = () => undefined,
): Promise<ApiResponse<K>> {
  return upload<ApiResponse<K>>(urlOf(key, input as unknown as RawInput), file, contentType, onProgress);
}

function withoutUndefined(values: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values ?? {}).filter(([, value]) => value !== undefined));
}

/**
 * The one query-key factory: `[key, params, query]`. A prefix invalidates more: `[key]` (or
 * `queryKey(key)`) every query of a route, `queryKey(key, { params })` every query of one resource.
 */
export function queryKey<K extends ApiKey>(
  key: K,
  input?: { params?: Partial<ApiInput<K>['params']>; query?: Partial<ApiInput<K>['query']> },
): QueryKey {
  return [key, withoutUndefined(input?.params), withoutUndefined(input?.query)];
}

type QueryOptions<K extends ApiKey> = Omit<UseQueryOptions<ApiResponse<K>>, 'queryKey' | 'queryFn'>;

/** useQuery for a GET route: its key from `queryKey`, its data typed by the route's response schema. */
export function useApiQuery<K extends GetKey>(key: K, input: ApiInput<K>, options?: QueryOptions<K>) {
  return useQuery<ApiResponse<K>>({
    ...options,
    queryKey: queryKey(key, input as { params?: never; query?: never }),
    queryFn: () => api<ApiResponse<K>>(urlOf(key, input as unknown as RawInput)),
  });
}
