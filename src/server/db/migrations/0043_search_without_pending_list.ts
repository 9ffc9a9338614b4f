import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Community and library search on PostgreSQL (issue 17): a GIN index keeps new entries in a pending
 * list, unsorted, until VACUUM merges them, and every search reads that whole list. After a day of
 * posts (or a load) it held a few megabytes: 8 to 10 ms added to each of a search's index lookups,
 * even for a word found nowhere. Without the list each write puts its words in the index itself,
 * which costs a post's writer a little and spares every reader.
 */
const INDEXES = ['resource_search_idx', 'community_search_post_idx', 'community_search_event_idx'];

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const index of INDEXES) {
    await sql`alter index ${sql.table(index)} set (fastupdate = off)`.execute(db);
    // Turning the list off leaves what it holds in it until merged.
    await sql`select gin_clean_pending_list(${index}::regclass)`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const index of INDEXES) await sql`alter index ${sql.table(index)} reset (fastupdate)`.execute(db);
}
