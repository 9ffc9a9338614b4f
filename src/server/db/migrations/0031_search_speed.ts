import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The words of SQLite's search indexes (issue 17), so a word still being typed is looked for as the
 * whole words it begins (`proj` -> `"project" OR "projector"`): FTS5 answers a prefix query by
 * merging the lists of every text of every word it begins before it yields one match. One row per
 * tenant and word found in `resource_fts`, `community_fts` or `event_fts`; written beside each
 * entry, never removed (a word no longer in any text matches nothing). PostgreSQL's GIN index
 * answers prefixes itself and needs no such table.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`create table search_word (tenant_id text not null, word text not null,
    primary key (tenant_id, word)) without rowid`.execute(db);
  // The words already indexed, read from each index's vocabulary (fts5vocab has no tenant: each
  // word is credited to the tenants of the entries that hold it).
  for (const table of ['resource_fts', 'community_fts', 'event_fts']) {
    const vocabulary = `${table}_words`;
    await sql.raw(`create virtual table temp.${vocabulary} using fts5vocab(main, ${table}, instance)`).execute(db);
    await sql`insert or ignore into search_word (tenant_id, word)
      select distinct f.tenant_id, v.term from ${sql.raw(`temp.${vocabulary}`)} v join ${sql.table(table)} f on f.rowid = v.doc`.execute(
      db,
    );
    await sql.raw(`drop table temp.${vocabulary}`).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`drop table search_word`.execute(db);
}
