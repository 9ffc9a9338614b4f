import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;

  // An activity a teacher (or a pair) designs; what it says lives in its versions.
  await db.schema
    .createTable('activity_design')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('author_person_id', 'text', (c) => c.notNull())
    .addColumn('co_author_person_id', 'text')
    .addColumn('org_unit_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('template', 'text')
    // private | school | district | nation: who beyond the authors and their coaches may read it.
    .addColumn('sharing', 'text', (c) => c.notNull())
    .addColumn('shared_at', ts)
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_design_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('activity_design_author_fk', ['tenant_id', 'author_person_id'], 'person', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('activity_design_unit_fk', ['tenant_id', 'org_unit_id'], 'org_unit', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('activity_design_author_idx')
    .on('activity_design')
    .columns(['tenant_id', 'author_person_id'])
    .execute();
  await db.schema
    .createIndex('activity_design_sharing_idx')
    .on('activity_design')
    .columns(['tenant_id', 'sharing', 'org_unit_id'])
    .execute();

  // Append-only: each save of a design is a new version; comments name the version they were about.
  await db.schema
    .createTable('activity_design_version')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('design_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('competencies', 'text', (c) => c.notNull())
    .addColumn('created_by_person_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_design_version_pk', ['tenant_id', 'design_id', 'version'])
    .addForeignKeyConstraint('activity_design_version_design_fk', ['tenant_id', 'design_id'], 'activity_design', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createTable('activity_design_comment')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('design_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('author_person_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_design_comment_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('activity_design_comment_design_fk', ['tenant_id', 'design_id'], 'activity_design', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('activity_design_comment_design_idx')
    .on('activity_design_comment')
    .columns(['tenant_id', 'design_id', 'created_at'])
    .execute();

  // A TEI or resource centre working with schools over a period, with named coaches.
  await db.schema
    .createTable('partnership')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('tei_unit_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('focus', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('partnership_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('partnership_tei_fk', ['tenant_id', 'tei_unit_id'], 'org_unit', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('partnership_tei_idx').on('partnership').columns(['tenant_id', 'tei_unit_id']).execute();
  await db.schema
    .createTable('partnership_school')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('school_unit_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partnership_school_pk', ['tenant_id', 'partnership_id', 'school_unit_id'])
    .addForeignKeyConstraint('partnership_school_partnership_fk', ['tenant_id', 'partnership_id'], 'partnership', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('partnership_school_unit_fk', ['tenant_id', 'school_unit_id'], 'org_unit', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('partnership_school_unit_idx')
    .on('partnership_school')
    .columns(['tenant_id', 'school_unit_id'])
    .execute();
  await db.schema
    .createTable('partnership_coach')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partnership_coach_pk', ['tenant_id', 'partnership_id', 'person_id'])
    .addForeignKeyConstraint('partnership_coach_partnership_fk', ['tenant_id', 'partnership_id'], 'partnership', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('partnership_coach_person_fk', ['tenant_id', 'person_id'], 'person', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('partnership_coach_person_idx')
    .on('partnership_coach')
    .columns(['tenant_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('partnership_log')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('happened_on', 'text', (c) => c.notNull())
    .addColumn('author_person_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('partnership_log_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('partnership_log_partnership_fk', ['tenant_id', 'partnership_id'], 'partnership', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('partnership_log_partnership_idx')
    .on('partnership_log')
    .columns(['tenant_id', 'partnership_id', 'happened_on'])
    .execute();

  // A coach named for a teacher outside a partnership or an offering (a peer coach, say).
  await db.schema
    .createTable('coach_assignment')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('coach_person_id', 'text', (c) => c.notNull())
    .addColumn('teacher_person_id', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('coach_assignment_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('coach_assignment_coach_fk', ['tenant_id', 'coach_person_id'], 'person', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('coach_assignment_teacher_fk', ['tenant_id', 'teacher_person_id'], 'person', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('coach_assignment_coach_idx')
    .on('coach_assignment')
    .columns(['tenant_id', 'coach_person_id'])
    .execute();
  await db.schema
    .createIndex('coach_assignment_teacher_idx')
    .on('coach_assignment')
    .columns(['tenant_id', 'teacher_person_id'])
    .execute();

  // plan > observe > reflect > follow-up between a coach and a teacher over a term.
  await db.schema
    .createTable('coaching_cycle')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('coach_person_id', 'text', (c) => c.notNull())
    .addColumn('teacher_person_id', 'text', (c) => c.notNull())
    .addColumn('design_id', 'text')
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('focus_item_ids', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('lesson_date', 'text', (c) => c.notNull())
    // planned > observed > reflected > followed_up; closed early from any of them.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('plan_notes', 'text', (c) => c.notNull())
    .addColumn('strengths', 'text')
    .addColumn('next_steps', 'text')
    .addColumn('teacher_reflection', 'text')
    .addColumn('reflection_shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('follow_up_on', 'text')
    .addColumn('follow_up_notes', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('coaching_cycle_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('coaching_cycle_coach_fk', ['tenant_id', 'coach_person_id'], 'person', ['tenant_id', 'id'])
    .addForeignKeyConstraint('coaching_cycle_teacher_fk', ['tenant_id', 'teacher_person_id'], 'person', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('coaching_cycle_teacher_idx')
    .on('coaching_cycle')
    .columns(['tenant_id', 'teacher_person_id', 'starts_on'])
    .execute();
  await db.schema
    .createIndex('coaching_cycle_coach_idx')
    .on('coaching_cycle')
    .columns(['tenant_id', 'coach_person_id', 'lesson_date'])
    .execute();

  // A lesson observed with the classroom ICT-use instrument, saved as the observer goes; ratings of
  // competencies reach the assessment ledger (through its observation) only when it is submitted.
  await db.schema
    .createTable('lesson_observation')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text')
    .addColumn('teacher_person_id', 'text', (c) => c.notNull())
    .addColumn('observer_person_id', 'text', (c) => c.notNull())
    .addColumn('lesson_date', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('grade', 'text')
    .addColumn('ict_users', 'text', (c) => c.notNull())
    .addColumn('ict_purposes', 'text', (c) => c.notNull())
    .addColumn('student_centredness', 'integer')
    .addColumn('ict_time_share', 'integer')
    .addColumn('student_products', 'text')
    .addColumn('notes', 'text')
    .addColumn('ratings', 'text', (c) => c.notNull())
    // draft | submitted
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assessment_observation_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('submitted_at', ts)
    .addPrimaryKeyConstraint('lesson_observation_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('lesson_observation_teacher_fk', ['tenant_id', 'teacher_person_id'], 'person', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('lesson_observation_cycle_fk', ['tenant_id', 'cycle_id'], 'coaching_cycle', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('lesson_observation_teacher_idx')
    .on('lesson_observation')
    .columns(['tenant_id', 'teacher_person_id', 'lesson_date'])
    .execute();
  await db.schema
    .createIndex('lesson_observation_cycle_idx')
    .on('lesson_observation')
    .columns(['tenant_id', 'cycle_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'lesson_observation',
    'coaching_cycle',
    'coach_assignment',
    'partnership_log',
    'partnership_coach',
    'partnership_school',
    'partnership',
    'activity_design_comment',
    'activity_design_version',
    'activity_design',
  ])
    await db.schema.dropTable(table).execute();
}
