import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * A closed year's competency dashboard, kept as it stood: the live counts (`unit_competency_count`,
 * `unit_teacher_count`) only know today, so recording a year copies them, for the standard's current
 * version at that moment, into these tables. The dashboard's year picker and each unit's trend read
 * them; nothing rebuilds them from the ledger, since a past year's population is what it was then.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;
  await db.schema
    .createTable('competency_year')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('competency_year_pk', ['tenant_id', 'year'])
    .execute();
  await db.schema
    .createTable('unit_competency_year')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('level_code', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('teachers', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_competency_year_pk', [
      'tenant_id',
      'year',
      'unit_id',
      'item_id',
      'basis',
      'level_code',
      'sex',
    ])
    .execute();
  await db.schema
    .createTable('unit_teacher_year')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('teachers', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_teacher_year_pk', ['tenant_id', 'year', 'unit_id', 'sex'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_teacher_year').execute();
  await db.schema.dropTable('unit_competency_year').execute();
  await db.schema.dropTable('competency_year').execute();
}
