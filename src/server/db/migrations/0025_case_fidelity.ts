import type { Kysely } from 'kysely';

/**
 * CASE fidelity: what a CASE package says that Pathway has no column for is kept as it came, so an
 * export gives it back. `case_source` on a framework holds the CFDocument, the definitions (item
 * types, concepts, subjects, licences, association groupings) and Pathway's own values at import;
 * on an item, the CFItem and Pathway's values at import. Every association of the package is a
 * row of `framework_case_association`, with its identifier and the record as it came.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('framework').addColumn('case_source', 'text').execute();
  await db.schema.alterTable('framework_item').addColumn('case_source', 'text').execute();
  await db.schema
    .createTable('framework_case_association')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('association_type', 'text', (c) => c.notNull())
    .addColumn('origin_identifier', 'text', (c) => c.notNull())
    .addColumn('destination_identifier', 'text', (c) => c.notNull())
    // 1 where this isChildOf placed the item in Pathway's tree (a second parent is kept as it came).
    .addColumn('tree', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('framework_case_association_pk', ['tenant_id', 'framework_id', 'identifier'])
    .addForeignKeyConstraint('framework_case_association_fw_fk', ['tenant_id', 'framework_id'], 'framework', [
      'tenant_id',
      'id',
    ])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('framework_case_association').execute();
  await db.schema.alterTable('framework_item').dropColumn('case_source').execute();
  await db.schema.alterTable('framework').dropColumn('case_source').execute();
}
