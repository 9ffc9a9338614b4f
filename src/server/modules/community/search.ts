import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';

/*
 * Full-text search over the library in every language at once. Text is folded the same way before
 * it is indexed and before it is looked for: lower case, Latin (and Cyrillic) diacritics taken off
 * (Café -> cafe, ё -> е), apostrophes and turned commas dropped (oʻqitish, o‘qitish and o'qitish are
 * one word). Devanagari keeps its vowel signs and viramas, which are part of its letters.
 *
 * SQLite: an FTS5 table (unicode61, remove_diacritics 2, marks kept inside words), ranked by bm25.
 * PostgreSQL: a tsvector with the language-neutral `simple` configuration, through `unaccent` where
 * the extension exists, ranked by ts_rank. Each query word must match; the last one may be the
 * start of a word, so results come as it is typed.
 */

const APOSTROPHES = /['`\u02bb\u02bc\u2018\u2019]/g;
const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_DIACRITICS, '')
    .replace(APOSTROPHES, '')
    .normalize('NFC')
    .toLowerCase();
}

/** The words of a query, folded; at most 10. */
export function queryWords(q: string | undefined): string[] {
  return (foldText(q ?? '').match(WORD) ?? []).slice(0, 10);
}

// unaccent is found through the search path (a schema may have none). Asked once per tenant: a
// tenant lives in one database, and a process may serve several databases only in tests.
const unaccentKnown = new Map<string, boolean>();
async function hasUnaccent(db: Kysely<DB>, key: string): Promise<boolean> {
  let known = unaccentKnown.get(key);
  if (known === undefined) {
    const row = await sql<{ found: boolean }>`select to_regproc('unaccent') is not null as found`.execute(db);
    known = Boolean(row.rows[0]?.found);
    unaccentKnown.set(key, known);
  }
  return known;
}

/** Replaces a resource's entry in the index; call it in the transaction that changed the resource. */
export async function indexResource(
  db: Kysely<DB>,
  dialect: Dialect,
  tenantId: string,
  resourceId: string,
  texts: string[],
): Promise<void> {
  const body = foldText(texts.filter(Boolean).join('\n'));
  if (dialect === 'postgres') {
    const text = (await hasUnaccent(db, tenantId)) ? sql`unaccent(${body})` : sql`${body}`;
    await sql`update resource set search_vector = to_tsvector('simple', ${text})
      where tenant_id = ${tenantId} and id = ${resourceId}`.execute(db);
    return;
  }
  await sql`delete from resource_fts where resource_id = ${resourceId} and tenant_id = ${tenantId}`.execute(db);
  await sql`insert into resource_fts (tenant_id, resource_id, body) values (${tenantId}, ${resourceId}, ${body})`.execute(
    db,
  );
}

export type Hit = { resource_id: string; score: number };

/**
 * The resources of the tenant matching every word of the query, each with its score (higher is a
 * better match), as a table to join; every resource of the tenant, scored 0, when there are no words.
 */
export async function searchHits(
  db: Kysely<DB>,
  dialect: Dialect,
  tenantId: string,
  q: string | undefined,
): Promise<RawBuilder<Hit>> {
  const words = queryWords(q);
  if (words.length === 0)
    return sql<Hit>`(select id as resource_id, 0 as score from resource where tenant_id = ${tenantId})`;
  if (dialect === 'postgres') {
    // Words hold only letters, digits and marks, so quoting them is enough for to_tsquery.
    const terms = words.map((w, i) => `'${w}'${i === words.length - 1 ? ':*' : ''}`).join(' & ');
    const query = (await hasUnaccent(db, tenantId))
      ? sql`to_tsquery('simple', unaccent(${terms}))`
      : sql`to_tsquery('simple', ${terms})`;
    return sql<Hit>`(select id as resource_id, ts_rank(search_vector, ${query}) as score from resource
      where tenant_id = ${tenantId} and search_vector @@ ${query})`;
  }
  const match = words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
  return sql<Hit>`(select resource_id, -bm25(resource_fts) as score from resource_fts
    where resource_fts match ${match} and tenant_id = ${tenantId})`;
}
