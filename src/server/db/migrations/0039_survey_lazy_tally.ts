import { type Kysely, sql } from 'kysely';

/**
 * Survey submissions leave their tallies to be folded in when results are next read (issue 16): a
 * response is written with `tallied = 0`, and the first reader of its round adds what it counts to
 * `survey_tally` and marks it. Responses stored before this were tallied when written. The partial
 * index finds a round's untallied responses without reading the tallied ones.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('survey_response')
    .addColumn('tallied', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create index survey_response_untallied_idx on survey_response (tenant_id, round_id) where tallied = 0`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  // Without the flag the waiting responses would never be counted: read their rounds' results first.
  const waiting = await sql`select 1 from survey_response where tallied = 0 limit 1`.execute(db);
  if (waiting.rows.length > 0)
    throw new Error('Survey responses wait to be tallied: read the results of their rounds before going back.');
  await sql`drop index survey_response_untallied_idx`.execute(db);
  await db.schema.alterTable('survey_response').dropColumn('tallied').execute();
}
