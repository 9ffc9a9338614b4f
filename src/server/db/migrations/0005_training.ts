import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = postgres ? sql`timestamptz` : sql`text`;
  // Hours are exact decimals (1.5 h), so sums on a transcript do not drift.
  const hours = postgres ? sql`numeric(8,2)` : sql`real`;
  const score = postgres ? sql`double precision` : sql`real`;

  // The catalogue: units of training aligned to competencies and levels of a published standard.
  await db.schema
    .createTable('training_module')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('hours', hours, (c) => c.notNull())
    .addColumn('delivery_mode', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('prerequisite_ids', 'text', (c) => c.notNull())
    .addColumn('trainer_qualification', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('training_module_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('training_module_code_idx')
    .on('training_module')
    .columns(['tenant_id', 'code'])
    .unique()
    .execute();
  // One row per (module, competency, level) so the catalogue filters and plans match by index.
  await db.schema
    .createTable('training_outcome')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('level_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_outcome_pk', ['tenant_id', 'module_id', 'item_id', 'level_code'])
    .execute();
  await db.schema
    .createIndex('training_outcome_item_idx')
    .on('training_outcome')
    .columns(['tenant_id', 'item_id', 'level_code'])
    .execute();

  await db.schema
    .createTable('training_programme')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('leads_to_role', 'text')
    .addColumn('leads_to_level_code', 'text')
    .addColumn('completion_rule', 'text', (c) => c.notNull())
    .addColumn('trainer_qualification', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('training_programme_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('training_programme_code_idx')
    .on('training_programme')
    .columns(['tenant_id', 'code'])
    .unique()
    .execute();
  await db.schema
    .createTable('training_programme_module')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('programme_id', 'text', (c) => c.notNull())
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_programme_module_pk', ['tenant_id', 'programme_id', 'module_id'])
    .execute();

  // A scheduled run of a module or a programme at a host institution.
  await db.schema
    .createTable('training_offering')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('module_id', 'text')
    .addColumn('programme_id', 'text')
    .addColumn('host_unit_id', 'text', (c) => c.notNull())
    .addColumn('host_path', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('session_days', 'text', (c) => c.notNull())
    .addColumn('venue', 'text')
    .addColumn('online_url', 'text')
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('enrol_opens', 'text', (c) => c.notNull())
    .addColumn('enrol_closes', 'text', (c) => c.notNull())
    .addColumn('hours', hours, (c) => c.notNull())
    // Bumped by every enrolment change: the update takes the row lock that serialises seat counting.
    .addColumn('roster_version', 'integer', (c) => c.notNull())
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('training_offering_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('training_offering_start_idx')
    .on('training_offering')
    .columns(['tenant_id', 'start_date'])
    .execute();
  await db.schema
    .createTable('training_offering_trainer')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('offering_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_offering_trainer_pk', ['tenant_id', 'offering_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('training_offering_trainer_person_idx')
    .on('training_offering_trainer')
    .columns(['tenant_id', 'person_id'])
    .execute();

  // One row per person and offering; a withdrawal keeps the row (status withdrawn).
  await db.schema
    .createTable('training_enrolment')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('offering_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('nominated_by_account_id', 'text')
    .addColumn('queued_at', ts, (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('score', score)
    .addColumn('completed_on', 'text')
    .addColumn('cpd_hours', hours)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('training_enrolment_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('training_enrolment_offering_idx')
    .on('training_enrolment')
    .columns(['tenant_id', 'offering_id', 'person_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('training_enrolment_person_idx')
    .on('training_enrolment')
    .columns(['tenant_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('training_attendance')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('offering_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('training_attendance_pk', ['tenant_id', 'offering_id', 'person_id', 'day'])
    .execute();

  // A teacher's development plan: proposed from gaps, edited, agreed, then followed.
  await db.schema
    .createTable('development_plan')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('target_level_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('agreed_by_account_id', 'text')
    .addColumn('agreed_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('development_plan_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('development_plan_person_idx')
    .on('development_plan')
    .columns(['tenant_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('development_plan_item')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('current_level_code', 'text')
    .addColumn('target_level_code', 'text', (c) => c.notNull())
    .addColumn('module_id', 'text')
    .addColumn('planned_start', 'text')
    .addColumn('planned_end', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('development_plan_item_pk', ['tenant_id', 'plan_id', 'position'])
    .execute();
  await db.schema
    .createIndex('development_plan_item_module_idx')
    .on('development_plan_item')
    .columns(['tenant_id', 'module_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'development_plan_item',
    'development_plan',
    'training_attendance',
    'training_enrolment',
    'training_offering_trainer',
    'training_offering',
    'training_programme_module',
    'training_programme',
    'training_outcome',
    'training_module',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
