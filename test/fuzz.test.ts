import { beforeAll, expect, it } from 'vitest';
import { newId } from '../src/server/shared/ids.ts';
import { describeOnEachDatabase } from './db.ts';
import * as make from './factories.ts';
import { type Session, type TestApp, testApp } from './http.ts';

/**
 * Every documented operation, read from the OpenAPI document, is sent bad input of every kind:
 * each path parameter, query parameter and top-level body property in turn takes a wrong type,
 * text the databases cannot store, a 1 MB string, values at their schema's limits (multibyte
 * strings of the longest allowed length, the largest allowed numbers) and structures nested
 * 5,000 deep; bodies also go out with unknown fields, not JSON, or empty. Whatever it is, the
 * answer is below 500 and a 4xx carries a coded error. Deterministic: one seeded generator.
 */

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
};

interface Parameter {
  in: 'path' | 'query';
  name: string;
  required?: boolean;
  schema: Schema;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: Schema | null;
  label: string;
}

const VALUE_KINDS = [
  'number',
  'string',
  'object',
  'array',
  'null',
  'boolean',
  'nul',
  'surrogate',
  'huge',
  'deep',
  'limits',
] as const;
type ValueKind = (typeof VALUE_KINDS)[number];
const WHOLE_KINDS = ['unknown_field', 'unknown_query', 'not_json', 'empty_body'] as const;
type Kind = ValueKind | (typeof WHOLE_KINDS)[number];

/** mulberry32: small, seeded, the same cases on every run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]! };
}

const HUGE = 1_000_000;
const PARALLEL = 4;
const DEPTH = 5_000;
const DATE = '2026-03-02';
const WIDE = '中'; // three bytes in UTF-8, one UTF-16 unit: a string at maxLength is three times as many bytes

function resolve(doc: { components?: { schemas?: Record<string, Schema> } }, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; i < 10 && s.$ref; i++) s = doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {};
  if (s.allOf?.length) s = Object.assign({}, ...s.allOf.map((part) => resolve(doc, part)), { allOf: undefined });
  return s;
}

function typeOf(s: Schema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  if (s.type) return s.type;
  if (s.properties || s.additionalProperties) return 'object';
  return undefined;
}

/**
 * A value the schema accepts: `min` the smallest (required fields only), `max` every field at its
 * limits (strings of three-byte characters at maxLength, or 3,000 of them when unbounded; numbers at
 * maximum, or past 2^31 when unbounded).
 */
function example(
  doc: Parameters<typeof resolve>[0],
  schema: Schema | undefined,
  mode: 'min' | 'max',
  depth = 0,
): unknown {
  const s = resolve(doc, schema);
  const choice = s.anyOf ?? s.oneOf;
  if (choice?.length) {
    const options = choice.map((o) => resolve(doc, o)).filter((o) => o.type !== 'null');
    return example(doc, options[0] ?? {}, mode, depth);
  }
  if ('const' in s) return s.const;
  if (s.enum?.length) return s.enum.find((v) => v !== null) ?? null;
  if (depth > 8) return null;
  switch (typeOf(s)) {
    case 'string': {
      if (s.format === 'date' || s.pattern?.includes('\\d{4}')) return DATE;
      if (s.format === 'date-time') return `${DATE}T10:00:00.000Z`;
      if (s.format === 'email') return 'someone@example.org';
      if (s.format === 'uri') return 'https://example.org/x';
      const min = Math.max(s.minLength ?? 0, 1);
      if (s.pattern) {
        const re = new RegExp(s.pattern, 'u');
        const candidate = ['a', 'abc', 'a1', 'en', 'A1', '1', 'x.y', '#aabbcc'].find(
          (c) => re.test(c) && c.length >= min,
        );
        if (mode === 'max' && s.maxLength && re.test('a'.repeat(s.maxLength))) return 'a'.repeat(s.maxLength);
        return candidate ?? 'a'.repeat(min);
      }
      return mode === 'max' ? WIDE.repeat(s.maxLength ?? 3000) : 'a'.repeat(min);
    }
    case 'integer':
    case 'number': {
      const integer = typeOf(s) === 'integer';
      if (mode === 'max') return s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 2 ** 31);
      const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 0.5) : 1);
      return s.maximum !== undefined ? Math.min(low, s.maximum) : low;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      const count = mode === 'max' ? Math.min(s.maxItems ?? 3, 3) : Math.max(s.minItems ?? 0, 1);
      return Array.from({ length: Math.max(count, s.minItems ?? 0) }, () => example(doc, s.items, mode, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(s.properties ?? {}))
        if (mode === 'max' || s.required?.includes(key))
          out[key] =
            realIds[key] && typeOf(resolve(doc, prop)) === 'string'
              ? realIds[key]
              : example(doc, prop, mode, depth + 1);
      if (!s.properties && s.additionalProperties && typeof s.additionalProperties === 'object')
        out.en = example(doc, s.additionalProperties, mode, depth + 1);
      return out;
    }
    default:
      return mode === 'max' ? WIDE.repeat(3000) : 'a';
  }
}

/**
 * Ids and codes of what the country holds, by field name: a body that names them gets past "not
 * found" to the rules and the writes behind it.
 */
let realIds: Record<string, string> = {};

const NUMBERS = [2 ** 31, 2 ** 53 + 2, 1e308, -(2 ** 31) - 1, -1, 0.5, 0];
const STRINGS = [
  '',
  ' ',
  'x',
  '0',
  '-1',
  'true',
  '9223372036854775808',
  "'; drop table person; --",
  '../../etc/passwd',
];

/** A JSON value of the kind; `deep` and `huge` are made as raw text elsewhere. */
function jsonValue(kind: ValueKind, rng: ReturnType<typeof seeded>): unknown {
  switch (kind) {
    case 'number':
      return rng.pick(NUMBERS);
    case 'string':
      return rng.pick(STRINGS);
    case 'object':
      return rng.pick([
        {},
        { a: 1 },
        { en: 'x', constructor: { prototype: 1 } },
        JSON.parse('{"__proto__":{"admin":true}}'),
      ]);
    case 'array':
      return rng.pick([[], [1, 'a'], [null], [{}]]);
    case 'null':
      return null;
    case 'boolean':
      return rng.pick([true, false]);
    case 'nul':
      return 'a\u0000b';
    case 'surrogate':
      return rng.pick(['\ud800', 'x\udfffy']);
    default:
      throw new Error(kind);
  }
}

function deepJson(rng: ReturnType<typeof seeded>) {
  return rng.pick([0, 1]) === 0
    ? `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`
    : `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
}

function hugeText(rng: ReturnType<typeof seeded>, forUrl = false) {
  const unit = rng.pick(['a', 'é', 'ab1 ']);
  if (forUrl && unit === 'é') return 'a'.repeat(HUGE);
  return unit.repeat(Math.ceil(HUGE / unit.length / (unit === 'é' ? 2 : 1))).slice(0, HUGE / (unit === 'é' ? 2 : 1));
}

/** The text of a path or query value (already percent-encoded): URLs only carry strings. */
function urlValue(kind: ValueKind, rng: ReturnType<typeof seeded>, limit: unknown): string | string[] {
  switch (kind) {
    case 'number':
      return String(rng.pick(NUMBERS));
    case 'string':
      // Never empty: an empty segment is another route (or a page of the web app), not a bad value.
      return encodeURIComponent(rng.pick(STRINGS.filter(Boolean)));
    case 'object':
      return encodeURIComponent(rng.pick(['{"a":1}', '{}']));
    case 'array':
      return ['a', 'b'];
    case 'null':
      return 'null';
    case 'boolean':
      return rng.pick(['true', 'false']);
    case 'nul':
      return 'a%00b';
    case 'surrogate':
      return rng.pick(['%ED%A0%80', 'x%ED%B0%80y', '%uD800']);
    case 'huge':
      return encodeURIComponent(hugeText(rng, true));
    case 'deep':
      return encodeURIComponent(`${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`);
    case 'limits':
      return encodeURIComponent(String(limit));
  }
}

interface Case {
  op: Operation;
  kind: Kind;
  target: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const uploadLike = (op: Operation) => op.body === null && ['POST', 'PUT', 'PATCH'].includes(op.method);

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, spec] of Object.entries(methods)) {
      const content = (spec.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content;
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: (spec.parameters as Parameter[] | undefined) ?? [],
        body: content?.['application/json']?.schema ?? null,
        label: `${method.toUpperCase()} ${path}`,
      });
    }
  return ops;
}

/** Every case for one operation: each target with each value kind, then the whole-request kinds. */
function casesFor(
  doc: Parameters<typeof resolve>[0],
  op: Operation,
  rng: ReturnType<typeof seeded>,
  knownIds: Record<string, string>,
): Case[] {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const body = op.body ? resolve(doc, op.body) : null;
  const baseBody = body ? example(doc, body, 'min') : undefined;
  const pathValue = (p: Parameter) => {
    const s = resolve(doc, p.schema);
    if (s.enum?.length || typeOf(s) === 'integer') return encodeURIComponent(String(example(doc, s, 'min')));
    return knownIds[p.name] ?? newId();
  };
  const url = (override?: { name: string; value: string | string[] }, extraQuery = '') => {
    let path = op.path;
    for (const p of pathParams) {
      const value = override?.name === `path.${p.name}` ? override.value : pathValue(p);
      path = path.replace(`{${p.name}}`, Array.isArray(value) ? value.join(',') : value);
    }
    const query: string[] = [];
    for (const p of queryParams) {
      const fuzzed = override?.name === `query.${p.name}`;
      if (!fuzzed && !p.required) continue;
      const raw = fuzzed ? override.value : encodeURIComponent(String(example(doc, p.schema, 'min')));
      for (const v of Array.isArray(raw) ? raw : [raw]) query.push(`${encodeURIComponent(p.name)}=${v}`);
    }
    if (extraQuery) query.push(extraQuery);
    return query.length ? `${path}?${query.join('&')}` : path;
  };
  const json = { 'content-type': 'application/json' };
  const withBody = () => (baseBody === undefined ? {} : { headers: json, payload: JSON.stringify(baseBody) });
  const cases: Case[] = [];
  const add = (
    kind: Kind,
    target: string,
    c: Omit<Case, 'op' | 'kind' | 'target' | 'headers'> & { headers?: Record<string, string> },
  ) => cases.push({ op, kind, target, headers: {}, ...c });

  // A 1 MB value costs a megabyte of parsing: it goes to every text field without a length limit (the
  // ones that would take it) and to one other target of the operation, drawn by the generator.
  const props = body ? (typeOf(body) === 'object' && body.properties ? Object.keys(body.properties) : [null]) : [];
  const targets = [
    ...[...pathParams, ...queryParams].map((p) => ({ name: `${p.in}.${p.name}`, schema: p.schema })),
    ...props.map((prop) => ({
      name: prop === null ? 'body' : `body.${prop}`,
      schema: prop === null ? body! : body!.properties![prop]!,
    })),
  ];
  const unbounded = (schema: Schema) => {
    const s = resolve(doc, schema);
    return typeOf(s) === 'string' && s.maxLength === undefined && !s.enum && !s.format && !s.pattern;
  };
  const hugeFor = new Set(targets.filter((t) => unbounded(t.schema)).map((t) => t.name));
  if (targets.length) hugeFor.add(rng.pick(targets).name);
  const kindsFor = (name: string) => VALUE_KINDS.filter((k) => k !== 'huge' || hugeFor.has(name));

  for (const p of [...pathParams, ...queryParams]) {
    const name = `${p.in}.${p.name}`;
    for (const kind of kindsFor(name)) {
      const value = urlValue(kind, rng, example(doc, p.schema, 'max'));
      add(kind, name, { url: url({ name, value }), ...withBody() });
    }
  }
  if (body) {
    for (const prop of props) {
      const target = prop === null ? 'body' : `body.${prop}`;
      for (const kind of kindsFor(target)) {
        const propSchema = prop === null ? body : body.properties![prop];
        let payload: string;
        const holder = prop === null ? null : { ...(baseBody as Record<string, unknown>) };
        const place = (valueText: string) => {
          if (holder === null) return valueText;
          holder[prop!] = '\u0001FUZZ\u0001';
          return JSON.stringify(holder).replace('"\\u0001FUZZ\\u0001"', valueText);
        };
        if (kind === 'deep') payload = place(deepJson(rng));
        else if (kind === 'huge') payload = place(JSON.stringify(hugeText(rng)));
        else if (kind === 'limits') payload = place(JSON.stringify(example(doc, propSchema, 'max')));
        else payload = place(JSON.stringify(jsonValue(kind, rng)));
        add(kind, target, { url: url(), headers: json, payload });
      }
    }
    const extra =
      typeOf(body) === 'object' ? { ...(baseBody as object), fuzzUnknown: rng.pick(STRINGS) } : { fuzzUnknown: 1 };
    add('unknown_field', 'body', { url: url(), headers: json, payload: JSON.stringify(extra) });
  } else if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method)) {
    add('unknown_field', 'body', { url: url(), headers: json, payload: JSON.stringify({ fuzzUnknown: 1 }) });
  }
  // An operation with nothing to fuzz still gets every value kind, as the value of an unknown parameter.
  if (pathParams.length + queryParams.length === 0 && !body) {
    for (const kind of VALUE_KINDS) {
      const value = urlValue(kind, rng, 'x');
      const extra = (Array.isArray(value) ? value : [value]).map((v) => `fuzz=${v}`).join('&');
      add(kind, 'query.fuzz', { url: url(undefined, extra), ...withBody() });
    }
  }
  add('unknown_query', 'query', { url: url(undefined, `fuzzUnknown=${rng.pick(['1', 'x', ''])}`), ...withBody() });
  const garbage = Buffer.from(Array.from({ length: 64 }, () => Math.floor(rng.next() * 256)));
  add('not_json', 'body', { url: url(), headers: json, payload: '{"a": [1, 2' });
  add('not_json', 'body', { url: url(), headers: { 'content-type': 'text/plain' }, payload: 'plain words' });
  if (uploadLike(op)) {
    add('not_json', 'body', { url: url(), headers: { 'content-type': 'text/csv' }, payload: garbage });
    add('not_json', 'body', { url: url(), headers: { 'content-type': 'application/octet-stream' }, payload: garbage });
  }
  add('empty_body', 'body', { url: url(), headers: json, payload: '' });
  add('empty_body', 'body', { url: url() });
  return cases;
}

/** The shape of a coded error; the CASE provider (imsx_StatusInfo) and the VC API answer in their own. */
function coded(path: string, body: string): boolean {
  try {
    const parsed = JSON.parse(body);
    if (typeof parsed?.error?.code === 'string') return true;
    // The VC API answers a credential or presentation that fails verification with its failed checks.
    if (
      (path === '/credentials/verify' || path === '/presentations/verify') &&
      parsed?.verified === false &&
      Array.isArray(parsed.errors)
    )
      return true;
    return path.startsWith('/ims/') && typeof parsed?.imsx_codeMajor === 'string';
  } catch {
    return false;
  }
}

interface Failure {
  operation: string;
  kind: Kind;
  target: string;
  status: number;
  response: string;
  error?: string;
}

async function walk(
  app: TestApp,
  cases: Case[],
  session: () => Session | null,
  onRun: (c: Case, status: number) => Promise<void>,
  parallel = 1,
) {
  const failures: Failure[] = [];
  let next = 0;
  // A few requests in flight at once: PostgreSQL answers them on several connections.
  const worker = async () => {
    while (next < cases.length) {
      const n = next++;
      await send(cases[n]!, n);
    }
  };
  const send = async (c: Case, n: number) => {
    const auth = session();
    const res = await app.inject({
      method: c.op.method as 'GET',
      url: c.url,
      headers: { ...c.headers, ...(auth?.headers ?? {}) },
      // A different address per case keeps per-address rate limits from hiding what lies behind them.
      remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      ...(c.payload !== undefined ? { payload: c.payload } : {}),
    });
    const bad = res.statusCode >= 500 || (res.statusCode >= 400 && !coded(c.op.path, res.body));
    const error = serverErrors.get(String(res.headers['x-request-id']));
    if (bad)
      failures.push({
        operation: c.op.label,
        kind: c.kind,
        target: c.target,
        status: res.statusCode,
        response: res.body.slice(0, 300),
        ...(error ? { error: (error as Error).stack?.split('\n').slice(0, 6).join('\n') } : {}),
      });
    await onRun(c, res.statusCode);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return failures;
}

/** What the server threw, by request id: the stack a failure report shows. */
const serverErrors = new Map<string, unknown>();
let signIns = 0;

/** test/http.ts signIn, from an address of its own each time: the walk signs in again after every sign-out. */
async function signIn(app: TestApp, username: string, password: string): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: `192.168.${(signIns >> 8) & 255}.${signIns++ & 255}`,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'pathway_session')!;
  const csrf = res.json().csrfToken as string;
  return {
    cookie: `pathway_session=${cookie.value}`,
    csrf,
    headers: { cookie: `pathway_session=${cookie.value}`, 'x-csrf-token': csrf },
  };
}

function report(failures: Failure[]) {
  // One line per operation, kind and target, with what came back (and the server's error when there was one).
  const seen = new Set<string>();
  return failures
    .filter((f) => {
      const key = `${f.operation} ${f.kind} ${f.target}`;
      return !seen.has(key) && seen.add(key);
    })
    .map(
      (f) => `${f.operation} [${f.kind} ${f.target}] -> ${f.status} ${f.response}${f.error ? `\n    ${f.error}` : ''}`,
    );
}

describeOnEachDatabase('fuzz walk over every documented operation', (getDb) => {
  let app: TestApp;
  let doc: Parameters<typeof resolve>[0] & { paths: Record<string, Record<string, Record<string, unknown>>> };
  let operations: Operation[];
  let knownIds: Record<string, string>;
  let admin: Awaited<ReturnType<typeof make.user>>;

  beforeAll(async () => {
    const db = getDb();
    const country = await make.country(db);
    admin = await make.user(country.ctx, 'admin', country.nation);
    const standard = await make.publishedStandard(country.ctx);
    knownIds = {
      unitId: country.nation.id,
      personId: admin.person.id,
      frameworkId: standard.id,
      tenantId: country.ctx.tenantId,
    };
    realIds = {
      ...knownIds,
      parentId: country.regionA.id,
      orgUnitId: country.schoolA1.id,
      hostUnitId: country.districtA1.id,
      itemId: standard.items.find((i) => i.type === 'competency')!.id,
      levelCode: standard.levels[0]!.code,
    };
    app = await testApp(db);
    app.addHook('onError', async (_req, _reply, error) => {
      serverErrors.set(String(_req.id), error);
    });
    doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    operations = operationsOf(doc);
  });

  it('answers every bad input of a signed-in administrator below 500, with a coded error', async () => {
    expect(operations.length).toBeGreaterThan(100);
    const rng = seeded(20_261_206);
    const cases = operations.flatMap((op) => casesFor(doc, op, rng, knownIds));
    // Signing out ends the session the walk uses: those cases run last, one at a time, each followed
    // by signing in again.
    const signsOut = (c: Case) => c.op.path === '/api/auth/logout';
    let session = await signIn(app, admin.username, admin.password);
    const hit = new Map<string, Set<Kind>>();
    const onRun = async (c: Case, status: number) => {
      if (!hit.has(c.op.label)) hit.set(c.op.label, new Set());
      hit.get(c.op.label)!.add(c.kind);
      if (status === 401 || signsOut(c)) session = await signIn(app, admin.username, admin.password);
    };
    const failures = [
      ...(await walk(
        app,
        cases.filter((c) => !signsOut(c)),
        () => session,
        onRun,
        PARALLEL,
      )),
      ...(await walk(app, cases.filter(signsOut), () => session, onRun)),
    ];
    expect(report(failures)).toEqual([]);
    const missed = operations.flatMap((op) => {
      const kinds = hit.get(op.label) ?? new Set<Kind>();
      const expected = [...VALUE_KINDS, 'unknown_query', 'not_json', 'empty_body'] as Kind[];
      if (op.body || ['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method)) expected.push('unknown_field');
      return expected.filter((k) => !kinds.has(k)).map((k) => `${op.label} ${k}`);
    });
    expect(missed).toEqual([]);
  }, 300_000);

  it('answers every bad input to a public operation, signed out, below 500 with a coded error', async () => {
    const open: Operation[] = [];
    for (const op of operations) {
      const probe = await app.inject({ method: op.method as 'GET', url: op.path.replaceAll(/\{[^}]+\}/g, newId()) });
      if (probe.statusCode !== 401) open.push(op);
    }
    expect(open.map((o) => o.label)).toContain('POST /api/auth/login');
    const rng = seeded(7);
    const failures = await walk(
      app,
      open.flatMap((op) => casesFor(doc, op, rng, knownIds)),
      () => null,
      async () => {},
      PARALLEL,
    );
    expect(report(failures)).toEqual([]);
  }, 300_000);
});
