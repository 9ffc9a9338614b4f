import { AppError } from '../../shared/errors.ts';
import { CASE_PATH, CASE_PATH_V1P0 } from './frameworks.case.ts';
import { isUuid } from './frameworks.import.ts';

/**
 * What the CASE REST binding asks of a provider beyond rendering packages: identifiers matched
 * whatever their case (a malformed one answered `invaliduuid`), the list endpoints' sort, orderBy,
 * filter and fields, and CASE 1.0 answers beside 1.1.
 */

type Json = Record<string, unknown>;

/** A sourcedId as Pathway stores identifiers (lowercase); anything but a UUID is refused the CASE way. */
export function sourcedId(value: string): string {
  if (!isUuid(value)) throw new AppError('case_invalid_uuid', `${value} is not a UUID.`, { identifier: value });
  return value.toLowerCase();
}

export interface ListQuery {
  limit: number;
  offset: number;
  sort?: string | undefined;
  orderBy: 'asc' | 'desc';
  filter?: string | undefined;
  fields?: string | undefined;
}

const PREDICATE = /^\s*([A-Za-z][A-Za-z0-9_.]*)\s*(!=|>=|<=|=|>|<|~)\s*'((?:[^']|'')*)'\s*$/;

/** The binding's filter: `field op 'value'` predicates joined by AND or by OR (not both). */
export function parseFilter(filter: string): (record: Json) => boolean {
  const joiner = / OR /.test(filter) ? ' OR ' : ' AND ';
  if (joiner === ' OR ' && / AND /.test(filter)) invalid(filter, 'Join predicates with AND or with OR, not both.');
  const tests = filter.split(joiner).map((part) => {
    const m = PREDICATE.exec(part);
    if (!m) return invalid(filter, `Cannot read ${part.trim()}; write field='value'.`);
    const [, field, op, raw] = m;
    const value = raw!.replace(/''/g, "'");
    return (record: Json) => {
      const have = valueAt(record, field!);
      const values = Array.isArray(have) ? have.map(String) : have === undefined || have === null ? [] : [String(have)];
      if (op === '~') return values.some((v) => v.toLowerCase().includes(value.toLowerCase()));
      if (op === '!=') return !values.includes(value);
      if (op === '=') return values.includes(value);
      return values.some((v) => {
        const c = compare(v, value);
        return op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : c <= 0;
      });
    };
  });
  return joiner === ' OR ' ? (r) => tests.some((t) => t(r)) : (r) => tests.every((t) => t(r));
}

function invalid(filter: string, message: string): never {
  throw new AppError('validation_failed', message, { fields: [{ path: 'query.filter', message }], filter });
}

function valueAt(record: Json, field: string): unknown {
  let at: unknown = record;
  for (const key of field.split('.')) at = at && typeof at === 'object' ? (at as Json)[key] : undefined;
  return at;
}

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return natural.compare(String(a ?? ''), String(b ?? ''));
}

/** Filters, sorts, pages and trims a list as the query asks; the total counts what the filter kept. */
export function applyListQuery(records: Json[], query: ListQuery) {
  let list = query.filter ? records.filter(parseFilter(query.filter)) : records;
  if (query.sort) {
    const field = query.sort;
    const sign = query.orderBy === 'desc' ? -1 : 1;
    list = [...list].sort((a, b) => sign * compare(valueAt(a, field), valueAt(b, field)));
  } else if (query.orderBy === 'desc') list = [...list].reverse();
  const page = list.slice(query.offset, query.offset + query.limit);
  return { total: list.length, records: query.fields ? page.map((r) => pick(r, query.fields!)) : page };
}

export function pick(record: Json, fields: string): Json {
  const wanted = fields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  return Object.fromEntries(wanted.filter((f) => f in record).map((f) => [f, record[f]]));
}

/**
 * A CASE 1.1 record or package as CASE 1.0 says it: URIs on this provider under /ims/case/v1p0,
 * without what 1.1 added (caseVersion, frameworkType; subject on items; notes on associations),
 * and isTranslationOf, which 1.0 lacks, as the extension ext:isTranslationOf.
 */
export function asCase10<T>(value: T, origin: string): T {
  const from = `${origin}${CASE_PATH}/`;
  const to = `${origin}${CASE_PATH_V1P0}/`;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.startsWith(from) ? to + v.slice(from.length) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const out: Json = {};
    for (const [k, x] of Object.entries(v as Json)) out[k] = walk(x);
    if ('creator' in out && 'title' in out) {
      delete out.caseVersion;
      delete out.frameworkType;
    }
    if ('fullStatement' in out) {
      delete out.subject;
      delete out.subjectURI;
    }
    if ('associationType' in out) {
      delete out.notes;
      if (out.associationType === 'isTranslationOf') out.associationType = 'ext:isTranslationOf';
    }
    return out;
  };
  return walk(value) as T;
}
