import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  // Teachers per (unit, competency, basis, level, sex) for every unit above a teacher, kept in the
  // same transaction as the status changes that move them: dashboards read these, never the ledger.
  await db.schema
    .createTable('unit_competency_count')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('level_code', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('teachers', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_competency_count_pk', [
      'tenant_id',
      'unit_id',
      'framework_id',
      'item_id',
      'basis',
      'level_code',
      'sex',
    ])
    .execute();
  await db.schema
    .createTable('unit_teacher_count')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('teachers', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_teacher_count_pk', ['tenant_id', 'unit_id', 'sex'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_teacher_count').execute();
  await db.schema.dropTable('unit_competency_count').execute();
}
