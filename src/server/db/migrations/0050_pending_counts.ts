import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The competency and fact counts gain a table of pending deltas each. A write appends its deltas
 * there (a page or two at the end of a small table) instead of updating a row for every unit above
 * the teacher (a leaf and its branch of a large tree per unit); once enough are pending, the write
 * that crosses the line folds them into the counts. Readers sum both tables, so every figure stays
 * fresh in the writing transaction. No key: the same delta may be pending twice.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('unit_competency_pending')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('level_code', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('teachers', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('unit_fact_pending')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('fact', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('value', postgres ? sql`double precision` : sql`real`, (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_fact_pending').execute();
  await db.schema.dropTable('unit_competency_pending').execute();
}
