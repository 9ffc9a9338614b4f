import type { Kysely } from 'kysely';

/**
 * A web submission keeps its answers on its response, as compact JSON, until the next reader of the
 * round folds them (`surveys/tally.ts`): one row written per submission instead of one per answer, per
 * chosen option and per matrix row. Responses waiting from before keep their answers in
 * `survey_answer` (the column is null for them) and are folded as before.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_response').addColumn('pending_answers', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_response').dropColumn('pending_answers').execute();
}
