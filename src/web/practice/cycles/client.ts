// Typed calls of the coaching routes, from the server's route map (type-only import, as api/routes.ts does).
// Until api/routes.ts's `Api` includes the practice maps this area types its calls here; the names and
// the query-key shape are those of api/routes.ts, so moving over is an import change.
import { type QueryKey, type UseQueryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { cyclesApi } from '../../../server/modules/practice/cycles.api.ts';
import type {
  Coachee as CoacheeSchema,
  Cycle as CycleSchema,
  LessonObservation as ObservationSchema,
} from '../../../server/modules/practice/cycles.schemas.ts';
import { api } from '../../api/client.ts';

type Api = typeof cyclesApi;
type Key = keyof Api & string;
type Success = 200 | 201;
export type Response<K extends Key> = Api[K] extends { response: infer R }
  ? R[Extract<keyof R, Success>] extends infer T extends z.ZodType
    ? z.output<T>
    : undefined
  : undefined;
type Field<K extends Key, F extends string> = Api[K] extends { [N in F]: infer T extends z.ZodType }
  ? z.input<T>
  : never;
export interface Input<K extends Key> {
  params?: Field<K, 'params'>;
  query?: Field<K, 'querystring'>;
  body?: Field<K, 'body'>;
}

export type Cycle = z.output<typeof CycleSchema>;
export type Observation = z.output<typeof ObservationSchema>;
export type Coachee = z.output<typeof CoacheeSchema>;

function urlOf(key: string, input: Input<Key>): string {
  const path = key
    .slice(key.indexOf(' ') + 1)
    .replace(/:(\w+)/g, (_, name: string) =>
      encodeURIComponent(String((input.params as Record<string, unknown> | undefined)?.[name] ?? '')),
    );
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries((input.query as Record<string, unknown> | undefined) ?? {}))
    if (value !== undefined && value !== null) search.append(name, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export function call<K extends Key>(key: K, input: Input<K> = {}): Promise<Response<K>> {
  return api<Response<K>>(urlOf(key, input as Input<Key>), {
    method: key.slice(0, key.indexOf(' ')),
    body: input.body,
  });
}

export function queryKey<K extends Key>(key: K, input: Pick<Input<K>, 'params' | 'query'> = {}): QueryKey {
  const clean = (v: unknown) =>
    Object.fromEntries(Object.entries((v as Record<string, unknown>) ?? {}).filter(([, x]) => x !== undefined));
  return [key, clean(input.params), clean(input.query)];
}

export function useApiQuery<K extends Extract<Key, `GET ${string}`>>(
  key: K,
  input: Pick<Input<K>, 'params' | 'query'> = {},
  options?: Omit<UseQueryOptions<Response<K>>, 'queryKey' | 'queryFn'>,
) {
  return useQuery<Response<K>>({
    ...options,
    queryKey: queryKey(key, input),
    queryFn: () => call(key, input),
  });
}
