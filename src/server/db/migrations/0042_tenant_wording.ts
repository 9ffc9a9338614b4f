import type { Kysely } from 'kysely';

/**
 * A tenant's own wording of the texts Pathway writes for it (notification messages, certificate
 * labels), per language, over the catalogues' wording: `texts` holds only what the tenant changed or
 * translated, as `{ key: { locale: text } }`, so a new release's catalogue still fills the rest.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tenant_wording')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('texts', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tenant_wording_pk', ['tenant_id', 'id'])
    .execute();
}
