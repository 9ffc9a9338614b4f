import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;

  // One row per version; versions of one standard share a lineage.
  await db.schema
    .createTable('framework')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('lineage_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('case_identifier', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('licence', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('published_at', ts)
    .addColumn('retired_at', ts)
    .addPrimaryKeyConstraint('framework_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('framework_lineage_idx')
    .on('framework')
    .columns(['tenant_id', 'lineage_id', 'version'])
    .unique()
    .execute();
  await db.schema
    .createIndex('framework_case_idx')
    .on('framework')
    .columns(['tenant_id', 'case_identifier'])
    .unique()
    .execute();

  await db.schema
    .createTable('framework_level')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('framework_level_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('framework_level_fw_fk', ['tenant_id', 'framework_id'], 'framework', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('framework_level_code_idx')
    .on('framework_level')
    .columns(['tenant_id', 'framework_id', 'code'])
    .unique()
    .execute();

  // case_identifier stays the same across versions of the same item, so versions can be compared.
  await db.schema
    .createTable('framework_item')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('case_identifier', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('level_code', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('framework_item_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('framework_item_fw_fk', ['tenant_id', 'framework_id'], 'framework', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('framework_item_code_idx')
    .on('framework_item')
    .columns(['tenant_id', 'framework_id', 'code'])
    .unique()
    .execute();
  await db.schema
    .createIndex('framework_item_case_idx')
    .on('framework_item')
    .columns(['tenant_id', 'framework_id', 'case_identifier'])
    .unique()
    .execute();

  await db.schema
    .createTable('rubric_descriptor')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('level_id', 'text', (c) => c.notNull())
    .addColumn('descriptor', 'text', (c) => c.notNull())
    .addColumn('score', 'real')
    .addPrimaryKeyConstraint('rubric_descriptor_pk', ['tenant_id', 'item_id', 'level_id'])
    .execute();
  await db.schema
    .createIndex('rubric_descriptor_fw_idx')
    .on('rubric_descriptor')
    .columns(['tenant_id', 'framework_id'])
    .execute();

  await db.schema
    .createTable('policy_goal')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('period_start', 'integer')
    .addColumn('period_end', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_goal_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('policy_goal_code_idx')
    .on('policy_goal')
    .columns(['tenant_id', 'code'])
    .unique()
    .execute();

  await db.schema
    .createTable('item_goal')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('goal_id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_goal_pk', ['tenant_id', 'item_id', 'goal_id'])
    .execute();
  await db.schema.createIndex('item_goal_goal_idx').on('item_goal').columns(['tenant_id', 'goal_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'item_goal',
    'policy_goal',
    'rubric_descriptor',
    'framework_item',
    'framework_level',
    'framework',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
