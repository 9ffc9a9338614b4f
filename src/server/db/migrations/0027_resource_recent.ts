import type { Kysely } from 'kysely';

/**
 * The library opens newest first with no query: read along (tenant, updated_at, id) until a page
 * of readable resources is found, rather than sorting every resource of the tenant.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('resource_recent_idx')
    .on('resource')
    .columns(['tenant_id', 'updated_at', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('resource_recent_idx').execute();
}
