import { type Kysely, PostgresAdapter, SqliteAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;
  // Anonymous responses and their answers are stored in key order (random ids) on SQLite, not in the
  // order they were written, so that order cannot tie a response to the invitation answered then.
  const keyOrdered = db.getExecutor().adapter instanceof SqliteAdapter ? sql`without rowid` : sql``;

  // A questionnaire version: its sections and questions as one JSON document, immutable once published.
  // Versions of one questionnaire share `family_id`; a new version copies the last one.
  await db.schema
    .createTable('survey')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('source_locale', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('published_at', ts)
    .addPrimaryKeyConstraint('survey_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('survey_version_once', ['tenant_id', 'family_id', 'version'])
    .execute();
  await db.schema.createIndex('survey_code_idx').on('survey').columns(['tenant_id', 'code']).execute();

  // A round: one questionnaire version sent to a population over an answering window.
  await db.schema
    .createTable('survey_round')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('survey_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('population', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('offering_id', 'text')
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('invited', 'integer', (c) => c.notNull())
    .addColumn('last_reminded_at', ts)
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_round_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('survey_round_survey_fk', ['tenant_id', 'survey_id'], 'survey', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('survey_round_unit_idx').on('survey_round').columns(['tenant_id', 'unit_path']).execute();
  await db.schema
    .createIndex('survey_round_offering_idx')
    .on('survey_round')
    .columns(['tenant_id', 'offering_id'])
    .execute();

  // One invitation per person of the population. The link's token is kept only as its hash. For an
  // anonymous round, a draft in progress is kept encrypted with a key derived from the token (which
  // the server does not store), and the submitted response carries no link back to the invitation.
  await db.schema
    .createTable('survey_invitation')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('draft', 'text')
    .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_invitation_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('survey_invitation_once', ['tenant_id', 'round_id', 'person_id'])
    .addForeignKeyConstraint('survey_invitation_round_fk', ['tenant_id', 'round_id'], 'survey_round', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('survey_invitation_person_idx')
    .on('survey_invitation')
    .columns(['tenant_id', 'person_id', 'status'])
    .execute();

  // A submitted response. Identified rounds name the person; anonymous ones keep only the groups the
  // results are broken down by (unit, sex, role, school type), never who or when beyond the day.
  await db.schema
    .createTable('survey_response')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('school_type', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_response_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('survey_response_round_fk', ['tenant_id', 'round_id'], 'survey_round', ['tenant_id', 'id'])
    .modifyEnd(keyOrdered)
    .execute();
  await db.schema
    .createIndex('survey_response_round_idx')
    .on('survey_response')
    .columns(['tenant_id', 'round_id', 'unit_path'])
    .execute();

  // One row per answered question (per row of a matrix, per chosen option of a multiple choice).
  await db.schema
    .createTable('survey_answer')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('response_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('value_number', 'double precision')
    .addColumn('value_text', 'text')
    .addPrimaryKeyConstraint('survey_answer_pk', ['tenant_id', 'response_id', 'question_key', 'item'])
    .addForeignKeyConstraint('survey_answer_response_fk', ['tenant_id', 'response_id'], 'survey_response', [
      'tenant_id',
      'id',
    ])
    .modifyEnd(keyOrdered)
    .execute();
  await db.schema
    .createIndex('survey_answer_round_idx')
    .on('survey_answer')
    .columns(['tenant_id', 'round_id', 'question_key'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['survey_answer', 'survey_response', 'survey_invitation', 'survey_round', 'survey'])
    await db.schema.dropTable(table).execute();
}
