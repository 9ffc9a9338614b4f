import { type Kysely, sql } from 'kysely';

/**
 * Survey results are tallied by the database (issue 16): the answers of a round are read in the
 * order they are grouped (question, item, value), from the index alone, with the respondent last
 * for the count of respondents per multiple choice and matrix question. It replaces the index on
 * (tenant, round, question), which it starts with.
 *
 * A questionnaire's code names one family within a tenant: two families never share a code (the
 * service checks it; this index holds it when two drafts are created at once). Versions of one
 * family share the code and differ in version. It replaces the plain index on (tenant, code).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const shared = await sql<{ code: string }>`
    select code from survey group by tenant_id, code, version having count(*) > 1`.execute(db);
  if (shared.rows.length)
    throw new Error(
      `Questionnaires of different families share a code (${shared.rows.map((r) => r.code).join(', ')}): give each its own code, then migrate again.`,
    );
  await db.schema
    .createIndex('survey_code_version_once')
    .on('survey')
    .columns(['tenant_id', 'code', 'version'])
    .unique()
    .execute();
  await db.schema.dropIndex('survey_code_idx').execute();

  await db.schema
    .createIndex('survey_answer_tally_idx')
    .on('survey_answer')
    .columns(['tenant_id', 'round_id', 'question_key', 'item', 'value_text', 'value_number', 'response_id'])
    .execute();
  await db.schema.dropIndex('survey_answer_round_idx').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('survey_answer_round_idx')
    .on('survey_answer')
    .columns(['tenant_id', 'round_id', 'question_key'])
    .execute();
  await db.schema.dropIndex('survey_answer_tally_idx').execute();
  await db.schema.createIndex('survey_code_idx').on('survey').columns(['tenant_id', 'code']).execute();
  await db.schema.dropIndex('survey_code_version_once').execute();
}
