import { type AliasedRawBuilder, type Kysely, type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { DB, ResourceTable } from '../../db/schema.ts';
import { rowsPerStatement, writeInBatches } from '../../shared/batches.ts';

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
  await indexWords(db, tenantId, [body]);
}

// What FTS5's tokenizer (unicode61, categories L* N* Co M*) takes as one word of folded text.
const INDEXED_WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/**
 * SQLite: records the words of folded texts just indexed (migration 0031's `search_word`), so a
 * word being typed can be looked for as the whole words it begins. Call it beside each FTS write.
 */
export async function indexWords(db: Kysely<DB>, tenantId: string, bodies: string[]): Promise<void> {
  const words = new Set<string>();
  for (const body of bodies) for (const word of body.match(INDEXED_WORD) ?? []) words.add(word);
  await writeInBatches([...words], rowsPerStatement(2), async (batch) => {
    const values = sql.join(batch.map((w) => sql`(${tenantId}, ${w})`));
    await sql`insert or ignore into search_word (tenant_id, word) values ${values}`.execute(db);
  });
}

/**
 * SQLite: forgets those of `texts`' words that no indexed text of the tenant holds any more, so a
 * person's erased name does not stay behind in `search_word`. A word another text still holds stays.
 */
export async function forgetUnindexedWords(db: Kysely<DB>, tenantId: string, texts: string[]): Promise<number> {
  const words = new Set<string>();
  for (const text of texts) for (const word of foldText(text).match(INDEXED_WORD) ?? []) words.add(word);
  let forgotten = 0;
  for (const word of words) {
    const phrase = `"${word.replaceAll('"', '""')}"`;
    let held = false;
    for (const table of ['resource_fts', 'community_fts', 'event_fts']) {
      const found = await sql`select 1 from ${sql.table(table)} where ${sql.table(table)} match ${phrase}
        and tenant_id = ${tenantId} limit 1`.execute(db);
      if (found.rows.length > 0) {
        held = true;
        break;
      }
    }
    if (held) continue;
    const gone = await sql`delete from search_word where tenant_id = ${tenantId} and word = ${word}`.execute(db);
    forgotten += Number(gone.numAffectedRows ?? 0);
  }
  return forgotten;
}

/*
 * A word in half of all texts matches half a million posts, and ranking every match would cost
 * what reading them costs. Each search therefore ranks at most CANDIDATES (300) matches the reader
 * may open (scope, hiding and filters are checked as they are read): on SQLite the newest index
 * entries (a changed resource is indexed again, so it counts as new), on PostgreSQL the first the
 * index yields. A query with a rarer word has fewer matches and is ranked whole; a common word alone
 * finds recent, well-ranked texts, and one more word narrows it. Ranking inside FTS5 (`order by
 * rank`) was measured at about a second for a word in a quarter of a million posts: bm25 is only
 * ever computed for the candidates.
 */
export const CANDIDATES = 300;

function postgresQuery(words: string[], unaccent: boolean) {
  // Words hold only letters, digits and marks, so quoting them is enough for to_tsquery.
  const terms = words.map((w, i) => `'${w}'${i === words.length - 1 ? ':*' : ''}`).join(' & ');
  return unaccent ? sql`to_tsquery('simple', unaccent(${terms}))` : sql`to_tsquery('simple', ${terms})`;
}

const ftsWords = (words: string[], prefix: boolean) =>
  words.map((w, i) => `"${w}"${prefix && i === words.length - 1 ? '*' : ''}`).join(' ');

/** A prefix that begins more words than this is left to FTS5's own prefix query. */
const EXPANSION = 50;

/*
 * The last word as the start of a word. FTS5 answers `"proj"*` by merging the entries of every word
 * it begins into one list before it yields the first match (as costly as counting them all), but
 * `("project" OR "projector")` by walking the words' lists side by side, newest first, as far as
 * needed. So the prefix becomes the whole words it begins, read from `search_word`; a short prefix
 * of very many words stays a prefix query.
 */
async function prefixMatch(db: Kysely<DB>, tenantId: string, words: string[]): Promise<string> {
  const last = words.at(-1)!;
  const begun = await sql<{ word: string }>`select word from search_word where tenant_id = ${tenantId}
    and word >= ${last} and word < ${`${last}\u{10ffff}`} order by word limit ${EXPANSION + 1}`.execute(db);
  if (begun.rows.length === 0 || begun.rows.length > EXPANSION) return ftsWords(words, true);
  const whole = begun.rows.map((r) => `"${r.word}"`);
  // FTS5 joins a phrase and a parenthesised group only with an explicit AND.
  const head = words.slice(0, -1).map((w) => `"${w}" AND `);
  return `${head.join('')}${whole.length === 1 ? whole[0] : `(${whole.join(' OR ')})`}`;
}

/*
 * SQLite's bm25 weighs each query word by how rare it is, which for a word being typed ("proj*")
 * means counting every text of every word it begins: as costly as the match is cheap. So the words
 * are first looked for whole; when a page of texts has them all, those are ranked. Otherwise the
 * last word is taken as the start of a word and the matches come newest first, unranked, until
 * the word is typed out.
 */
async function sqliteMatch(
  db: Kysely<DB>,
  table: 'resource_fts' | 'community_fts' | 'event_fts',
  tenantId: string,
  words: string[],
): Promise<{ match: string; ranked: boolean }> {
  const whole = ftsWords(words, false);
  const found = await sql<{ n: number }>`select count(*) as n from (select 1 from ${sql.table(table)}
    where ${sql.table(table)} match ${whole} and tenant_id = ${tenantId} limit ${PAGE_OF_HITS})`.execute(db);
  if (Number(found.rows[0]?.n ?? 0) >= PAGE_OF_HITS) return { match: whole, ranked: true };
  return { match: await prefixMatch(db, tenantId, words), ranked: false };
}
const PAGE_OF_HITS = 20;

/**
 * The full-text side of a search over one index, for a repo to read its candidates with: the index
 * table (`from`, null on PostgreSQL's library, whose tsvector is a column of `resource`), the match
 * (tenant included), the score (higher is better), the indexed row's id and the order candidates are
 * read in. The repo joins the rows searched and applies the reader's scope and the filters in the same
 * query, before the CANDIDATES limit, so a reader who may open few of the matches still gets a page.
 */
export interface TextSearch {
  from: AliasedRawBuilder<Record<string, never>, 'fts'> | null;
  /** PostgreSQL's library: the resources to read in place of the table (the vector is their column). */
  rows: AliasedRawBuilder<Selectable<ResourceTable>, 'resource'> | null;
  where: RawBuilder<SqlBool>;
  score: RawBuilder<number>;
  id: RawBuilder<string>;
  /** SQLite: newest index entries first (rowid order, read backwards without sorting); PostgreSQL: as the index yields. */
  newestFirst: RawBuilder<unknown> | null;
}

export type SearchIndex = 'resource' | CommunityEntryKind;
const SQLITE_TABLE = { resource: 'resource_fts', post: 'community_fts', event: 'event_fts' } as const;

/*
 * PostgreSQL: the CANDIDATES are the first readable matches in table order, and there are two ways
 * to them. Reading the table in order stops at the last candidate: quick when the words are in many
 * texts, a read of every text when they are in few. The GIN index yields its matches in table order
 * too, but only after it has gathered all of them (a prefix's words, or two common words each in a
 * hundred thousand posts, cost as many entries: 40 ms for a two-word query over a million posts).
 * The planner guesses which is cheaper from estimates that are far off for a word being typed
 * (`word:*` is 2% of the texts whatever the word) and for two words of one language (it multiplies
 * their shares), and chose each where the other was several times quicker.
 *
 * So both are written into the statement, one after the other: the first `scanPages` pages of the
 * table read in order (a TID range scan), then the index's matches beyond them. The outer LIMIT stops
 * in the first part when it holds enough candidates, and the second part is never started; either way
 * the candidates are those the index alone would give. The number of pages read first comes from the
 * statistics ANALYZE gathered (the tsvector's most common elements in pg_stats): SCAN_SHARE times as
 * many rows as the index would gather entries for the query's words, none when the rarest word (the
 * share of texts holding all of them is at most its share) makes a page of candidates in those rows
 * unlikely. A row read and matched costs about twice an index entry (measured over a million posts),
 * so a query costs at worst about one and a half times the index's cost, and a common query reads a
 * few thousand rows instead of gathering a quarter of a million index entries.
 */
const SCAN_SHARE = 0.25;
/** A small table (or the first pages of one) is read whole: cheaper than any index lookup. */
const MIN_SCAN_PAGES = 32;
const STATS_TTL_MS = 10 * 60_000;
type Searched = 'resource' | 'community_search';
interface VectorStats {
  at: number;
  freqs: Map<string, number>;
  rows: number;
  pages: number;
}
const vectorStats = new Map<string, VectorStats>();

async function statsOf(db: Kysely<DB>, tenantId: string, table: Searched): Promise<VectorStats> {
  const key = `${tenantId}:${table}`;
  let stats = vectorStats.get(key);
  if (!stats || Date.now() - stats.at > STATS_TTL_MS) {
    const row = await sql<{ elems: string[] | null; freqs: number[] | null; rows: number; pages: number }>`select
        s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs as freqs,
        c.reltuples::float8 as rows, c.relpages::float8 as pages
      from pg_class c left join pg_stats s on s.schemaname = current_schema() and s.tablename = ${table}
        and s.attname = 'search_vector'
      where c.oid = to_regclass(${table})`.execute(db);
    const { elems, freqs, rows, pages } = row.rows[0] ?? { elems: null, freqs: null, rows: 0, pages: 0 };
    // The frequencies end with three more numbers (least, greatest, null share) than there are elements.
    stats = {
      at: Date.now(),
      freqs: new Map((elems ?? []).map((e, i) => [e, Number(freqs?.[i] ?? 0)])),
      rows: Math.max(0, Number(rows)),
      pages: Math.max(0, Number(pages)),
    };
    vectorStats.set(key, stats);
  }
  return stats;
}

/** Statistics are read again on the next search (after an ANALYZE, rather than within STATS_TTL_MS). */
export function forgetSearchStatistics(): void {
  vectorStats.clear();
}

/** How many of the table's first pages to read in order before taking the index's matches (see above). */
export function scanPages(stats: Omit<VectorStats, 'at'>, words: string[]): number {
  if (stats.rows <= 0 || stats.pages <= 0 || words.length === 0) return 0;
  const shares = words.map((word, i) => {
    if (i < words.length - 1) return stats.freqs.get(word) ?? 0;
    let f = 0;
    for (const [elem, freq] of stats.freqs) if (elem.startsWith(word)) f += freq;
    return Math.min(f, 1);
  });
  const rarest = Math.min(...shares);
  // A word not among the common elements: its texts are few, and the index finds them at once.
  if (rarest === 0) return 0;
  const rowsPerPage = stats.rows / stats.pages;
  const entries = shares.reduce((a, b) => a + b, 0) * stats.rows;
  const pages = Math.max(MIN_SCAN_PAGES, Math.ceil((entries * SCAN_SHARE) / rowsPerPage));
  if (pages < stats.pages && CANDIDATES / rarest > pages * rowsPerPage) return 0;
  return pages;
}

/** The rows of `table` holding the query, as a subquery: the first pages in table order, then the index's matches. */
function inTableOrder(table: Searched, filter: RawBuilder<unknown>, query: RawBuilder<unknown>, pages: number) {
  const from = sql.table(table);
  const index = sql`(select * from ${from} where ${filter} and search_vector @@ ${query} offset 0)`;
  if (pages === 0) return index;
  const boundary = `(${pages},0)`;
  // OFFSET 0 keeps each part a subquery of its own: the first one is not given the match, which
  // the index could serve; the second is planned for all its rows, which makes it the index's.
  return sql`((select * from ${from} where ctid < ${boundary}::tid and ${filter} offset 0)
    union all (select * from ${from} where ctid >= ${boundary}::tid and ${filter} and search_vector @@ ${query} offset 0))`;
}

/** The search of `q` in one index; null when `q` has no words (everything matches). */
export async function textSearch(
  db: Kysely<DB>,
  dialect: Dialect,
  tenantId: string,
  q: string | undefined,
  index: SearchIndex,
): Promise<TextSearch | null> {
  const words = queryWords(q);
  if (words.length === 0) return null;
  if (dialect === 'postgres') {
    const query = postgresQuery(words, await hasUnaccent(db, tenantId));
    if (index === 'resource') {
      const pages = scanPages(await statsOf(db, tenantId, 'resource'), words);
      const rows = inTableOrder('resource', sql`tenant_id = ${tenantId}`, query, pages);
      return {
        from: null,
        rows: sql<Selectable<ResourceTable>>`${rows}`.as('resource'),
        where: sql<SqlBool>`resource.search_vector @@ ${query}`,
        score: sql<number>`ts_rank(resource.search_vector, ${query})`,
        id: sql<string>`resource.id`,
        newestFirst: null,
      };
    }
    // The kind is written into the statement so the planner picks that kind's partial GIN index (0040).
    const kind = sql`tenant_id = ${tenantId} and kind = ${sql.lit(index)}`;
    const pages = index === 'post' ? scanPages(await statsOf(db, tenantId, 'community_search'), words) : 0;
    const posts = index === 'post' ? inTableOrder('community_search', kind, query, pages) : sql`community_search`;
    return {
      from: sql<Record<string, never>>`${posts}`.as('fts'),
      rows: null,
      where: sql<SqlBool>`fts.tenant_id = ${tenantId} and fts.kind = ${sql.lit(index)} and fts.search_vector @@ ${query}`,
      score: sql<number>`ts_rank(fts.search_vector, ${query})`,
      id: sql<string>`fts.entity_id`,
      newestFirst: null,
    };
  }
  const table = SQLITE_TABLE[index];
  const { match, ranked } = await sqliteMatch(db, table, tenantId, words);
  // Aliased, FTS5 names the table's own column through the alias: `fts.community_fts match`.
  const self = sql.ref(`fts.${table}`);
  return {
    from: sql<Record<string, never>>`${sql.table(table)}`.as('fts'),
    rows: null,
    where: sql<SqlBool>`${self} match ${match} and fts.tenant_id = ${tenantId}`,
    score: ranked ? sql<number>`-bm25(${self})` : sql<number>`0`,
    id: sql<string>`${sql.ref(index === 'resource' ? 'fts.resource_id' : 'fts.entity_id')}`,
    newestFirst: sql`fts.rowid desc`,
  };
}

/*
 * Posts and events have a second index (`community_fts` and `event_fts` on SQLite, `community_search`
 * on PostgreSQL; migration 0023): one entry per post (its thread's title with its body) and per event
 * (title, description and agenda in every language). Who may read a hit is decided by the caller.
 */

export type CommunityEntryKind = 'post' | 'event';
const FTS_TABLE = { post: 'community_fts', event: 'event_fts' } as const;

async function writeEntry(
  db: Kysely<DB>,
  dialect: Dialect,
  tenantId: string,
  entry: { kind: CommunityEntryKind; id: string; threadId: string | null },
  texts: string[],
): Promise<void> {
  const body = foldText(texts.filter(Boolean).join('\n'));
  if (dialect === 'postgres') {
    const text = (await hasUnaccent(db, tenantId)) ? sql`unaccent(${body})` : sql`${body}`;
    await sql`insert into community_search (tenant_id, kind, entity_id, thread_id, search_vector)
      values (${tenantId}, ${entry.kind}, ${entry.id}, ${entry.threadId}, to_tsvector('simple', ${text}))
      on conflict (tenant_id, kind, entity_id) do update set search_vector = excluded.search_vector`.execute(db);
    return;
  }
  // A post is written once: only an event's entry is replaced (the delete reads the events' table).
  const table = sql.table(FTS_TABLE[entry.kind]);
  if (entry.kind === 'event')
    await sql`delete from ${table} where entity_id = ${entry.id} and tenant_id = ${tenantId}`.execute(db);
  await sql`insert into ${table} (tenant_id, kind, entity_id, thread_id, body)
    values (${tenantId}, ${entry.kind}, ${entry.id}, ${entry.threadId}, ${body})`.execute(db);
  await indexWords(db, tenantId, [body]);
}

/** Adds a post to the index; call it in the transaction that writes the post. */
export function indexPost(
  db: Kysely<DB>,
  dialect: Dialect,
  tenantId: string,
  post: { id: string; threadId: string; threadTitle: string; body: string },
): Promise<void> {
  return writeEntry(db, dialect, tenantId, { kind: 'post', id: post.id, threadId: post.threadId }, [
    post.threadTitle,
    post.body,
  ]);
}

/** Replaces an event's entry; `texts` are its multilingual title, description and agenda titles. */
export function indexEvent(
  db: Kysely<DB>,
  dialect: Dialect,
  tenantId: string,
  eventId: string,
  texts: Record<string, string>[],
): Promise<void> {
  return writeEntry(
    db,
    dialect,
    tenantId,
    { kind: 'event', id: eventId, threadId: null },
    texts.flatMap((t) => Object.values(t)),
  );
}
