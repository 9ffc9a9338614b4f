import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * A regional office across many countries (issue 20). A tenant is a country (`country`: its ISO
 * 3166-1 alpha-2 code, when known) or a regional office (`kind` 'regional') that compares countries.
 * `data_sharing_agreement` is a country's grant of one named aggregate dataset to a regional tenant,
 * stored in the granting country's tenant. It is append-only history: a revoke sets `revoked_at`
 * on the row, a new grant is a new row, so who could read what, and when, is never lost.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;
  await db.schema.alterTable('tenant').addColumn('country', 'text').execute();
  await db.schema
    .alterTable('tenant')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('country'))
    .execute();
  await db.schema
    .createTable('data_sharing_agreement')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('grantee_tenant_id', 'text', (c) => c.notNull())
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('granted_at', ts, (c) => c.notNull())
    .addColumn('granted_by_account_id', 'text')
    .addColumn('revoked_at', ts)
    .addColumn('revoked_by_account_id', 'text')
    .addPrimaryKeyConstraint('data_sharing_agreement_pk', ['tenant_id', 'id'])
    .execute();
  // The regional side asks "which countries share this dataset with me": by grantee, not by country.
  await db.schema
    .createIndex('data_sharing_agreement_grantee_idx')
    .on('data_sharing_agreement')
    .columns(['grantee_tenant_id', 'dataset'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('data_sharing_agreement').execute();
  await db.schema.alterTable('tenant').dropColumn('kind').execute();
  await db.schema.alterTable('tenant').dropColumn('country').execute();
}
