import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;

  // Months after completion at which each completer is visited in class (JSON array, e.g. [1,3,6]).
  for (const table of ['training_module', 'training_programme'])
    await db.schema
      .alterTable(table)
      .addColumn('follow_through_months', 'text', (c) => c.notNull().defaultTo('[1,3,6]'))
      .execute();

  // One visit per completer, enrolment and interval: a second schedule of the same is refused by the key.
  await db.schema
    .createTable('follow_through_visit')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('enrolment_id', 'text', (c) => c.notNull())
    .addColumn('offering_id', 'text', (c) => c.notNull())
    .addColumn('teacher_person_id', 'text', (c) => c.notNull())
    .addColumn('coach_person_id', 'text', (c) => c.notNull())
    .addColumn('months_after', 'integer', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    // due | done | cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visited_on', 'text')
    // applied | partly | not_applied
    .addColumn('applied', 'text')
    .addColumn('how', 'text')
    .addColumn('evidence_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('cycle_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_through_visit_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('follow_through_visit_once', ['tenant_id', 'enrolment_id', 'months_after'])
    .addForeignKeyConstraint('follow_through_visit_teacher_fk', ['tenant_id', 'teacher_person_id'], 'person', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('follow_through_visit_coach_fk', ['tenant_id', 'coach_person_id'], 'person', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('follow_through_visit_coach_idx')
    .on('follow_through_visit')
    .columns(['tenant_id', 'coach_person_id', 'status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('follow_through_visit_due_idx')
    .on('follow_through_visit')
    .columns(['tenant_id', 'status', 'due_on'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('follow_through_visit').execute();
  for (const table of ['training_module', 'training_programme'])
    await db.schema.alterTable(table).dropColumn('follow_through_months').execute();
}
