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
  // The words already indexed, read from each index's vocabulary. fts5vocab knows no tenant: with
  // one tenant in the index its distinct words are hers ('row'), otherwise each word is credited
  // to the tenants of the entries that hold it ('instance', one row per word of every text).
  for (const table of ['resource_fts', 'community_fts', 'event_fts']) {
    const tenants = await sql<{
      tenant_id: string;
    }>`select distinct tenant_id from ${sql.table(table)} limit 2`.execute(db);
    if (tenants.rows.length === 0) continue;
    const single = tenants.rows.length === 1;
    const vocabulary = `temp.${table}_words`;
    await sql
      .raw(`create virtual table ${vocabulary} using fts5vocab(main, ${table}, ${single ? 'row' : 'instance'})`)
      .execute(db);
    if (single)
      await sql`insert or ignore into search_word (tenant_id, word)
        select ${tenants.rows[0]!.tenant_id}, term from ${sql.raw(vocabulary)}`.execute(db);
    else
      await sql`insert or ignore into search_word (tenant_id, word)
        select distinct f.tenant_id, v.term from ${sql.raw(vocabulary)} v join ${sql.table(table)} f on f.rowid = v.doc`.execute(
        db,
      );
    await sql.raw(`drop table ${vocabulary}`).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`drop table search_word`.execute(db);
}
