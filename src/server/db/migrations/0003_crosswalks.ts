import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;
  // A mapping between two frameworks' items; it changes neither standard, so published ones can be mapped.
  await db.schema
    .createTable('crosswalk_link')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('from_framework_id', 'text', (c) => c.notNull())
    .addColumn('from_item_id', 'text', (c) => c.notNull())
    .addColumn('to_framework_id', 'text', (c) => c.notNull())
    .addColumn('to_item_id', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('crosswalk_link_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('crosswalk_link_pair_idx')
    .on('crosswalk_link')
    .columns(['tenant_id', 'from_framework_id', 'to_framework_id', 'from_item_id', 'to_item_id'])
    .unique()
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('crosswalk_link').execute();
}
