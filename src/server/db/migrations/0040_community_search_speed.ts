import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Community search on PostgreSQL (issue 17): posts and events share `community_search`, and one GIN
 * index over both made a search for events read every post holding the word (a common word: a
 * quarter of a million entries) only to drop them for their kind. One partial index per kind lets
 * the few events be sought alone, and the posts without the events. SQLite keeps posts and events
 * in two FTS5 tables already.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create index community_search_post_idx on community_search using gin (search_vector) where kind = 'post'`.execute(
    db,
  );
  await sql`create index community_search_event_idx on community_search using gin (search_vector) where kind = 'event'`.execute(
    db,
  );
  await sql`drop index community_search_idx`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create index community_search_idx on community_search using gin (search_vector)`.execute(db);
  await sql`drop index community_search_post_idx`.execute(db);
  await sql`drop index community_search_event_idx`.execute(db);
}
