import { type Kysely, PostgresAdapter, SqliteAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;
  // SQLite keeps a sequential rowid unless told not to: rows of the anonymous tables are stored in
  // key order instead, so the order they were written in cannot tie an answer to who gave it.
  const keyOrdered = db.getExecutor().adapter instanceof SqliteAdapter ? sql`without rowid` : sql``;

  // A school's self-review, open for answers between two days (closed_at when closed early).
  await db.schema
    .createTable('school_review')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('closed_at', ts)
    .addColumn('opened_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('school_review_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('school_review_school_fk', ['tenant_id', 'school_id'], 'org_unit', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('school_review_school_idx')
    .on('school_review')
    .columns(['tenant_id', 'school_id', 'opens_on'])
    .execute();

  // Who has answered (to refuse a second answer), and nothing about what they answered.
  await db.schema
    .createTable('school_review_respondent')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('review_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('respondent_group', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('school_review_respondent_pk', ['tenant_id', 'review_id', 'person_id'])
    .modifyEnd(keyOrdered)
    .execute();

  // The answers: one row per statement answered, with a random id, no person, account or time, and
  // no key joining one person's statements, so answers cannot be traced back to who gave them.
  await db.schema
    .createTable('school_review_answer')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('review_id', 'text', (c) => c.notNull())
    .addColumn('statement_code', 'text', (c) => c.notNull())
    .addColumn('respondent_group', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('school_review_answer_pk', ['tenant_id', 'id'])
    .modifyEnd(keyOrdered)
    .execute();
  await db.schema
    .createIndex('school_review_answer_review_idx')
    .on('school_review_answer')
    .columns(['tenant_id', 'review_id', 'statement_code'])
    .execute();

  // A school's ICT development plan. status draft | active | archived; a plan is current when active
  // and today lies within [period_start, period_end].
  await db.schema
    .createTable('school_plan')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('review_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('vision', 'text', (c) => c.notNull())
    // JSON { area: goal text }
    .addColumn('goals', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('partnership_id', 'text')
    // JSON array of development_plan ids of the school's teachers
    .addColumn('development_plan_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('activated_at', ts)
    .addColumn('archived_at', ts)
    .addPrimaryKeyConstraint('school_plan_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('school_plan_school_fk', ['tenant_id', 'school_id'], 'org_unit', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('school_plan_school_idx')
    .on('school_plan')
    .columns(['tenant_id', 'school_id', 'status'])
    .execute();
  // At most one active plan per school, held by the database as well as the service.
  await db.schema
    .createIndex('school_plan_one_active')
    .on('school_plan')
    .columns(['tenant_id', 'school_id'])
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();

  await db.schema
    .createTable('school_plan_action')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text')
    .addColumn('owner_text', 'text')
    .addColumn('due_on', 'text', (c) => c.notNull())
    // planned | in_progress | done | dropped
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resources', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('school_plan_action_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('school_plan_action_plan_idx')
    .on('school_plan_action')
    .columns(['tenant_id', 'plan_id', 'position'])
    .execute();

  // A progress review each term: append-only, with every action's status at that moment.
  await db.schema
    .createTable('school_plan_progress')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    // JSON [{ actionId, title, status }]
    .addColumn('action_statuses', 'text', (c) => c.notNull())
    .addColumn('author_person_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('school_plan_progress_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('school_plan_progress_plan_idx')
    .on('school_plan_progress')
    .columns(['tenant_id', 'plan_id', 'reviewed_on'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'school_plan_progress',
    'school_plan_action',
    'school_plan',
    'school_review_answer',
    'school_review_respondent',
    'school_review',
  ])
    await db.schema.dropTable(table).execute();
}
