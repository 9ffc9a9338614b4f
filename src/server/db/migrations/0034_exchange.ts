import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Aggregate exchange between installations (issue 20): the signers a tenant trusts for each country,
 * and the newest signed aggregate package it holds per country and period.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;
  await db.schema
    .createTable('exchange_signer')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('public_key_multibase', 'text', (c) => c.notNull())
    .addColumn('added_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .addPrimaryKeyConstraint('exchange_signer_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('exchange_signer_key_idx')
    .on('exchange_signer')
    .columns(['tenant_id', 'public_key_multibase'])
    .execute();
  await db.schema
    .createTable('exchange_package')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('period', 'integer', (c) => c.notNull())
    .addColumn('generated_at', ts, (c) => c.notNull())
    .addColumn('signer_key', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('package', 'text', (c) => c.notNull())
    .addColumn('imported_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('exchange_package_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('exchange_package_period_uq', ['tenant_id', 'country_code', 'period'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('exchange_package').execute();
  await db.schema.dropTable('exchange_signer').execute();
}
