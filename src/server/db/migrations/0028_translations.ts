import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Translation workflow (issue 19). `translation_state` holds, per text and target language, where its
 * translation stands (draft, review, approved) and the source text it was translated from: a
 * translation is stale when today's source differs from that text. A text with no row was written
 * with its source and is current. `translator_language` limits a translator to chosen languages;
 * `glossary_term` holds the standard's terms per language for translators.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;
  await db.schema
    .createTable('translation_state')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('unit_key', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source_text', 'text', (c) => c.notNull())
    .addColumn('updated_by_account_id', 'text')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('translation_state_pk', ['tenant_id', 'object_type', 'object_id', 'unit_key', 'locale'])
    .execute();
  await db.schema
    .createTable('translator_language')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('translator_language_pk', ['tenant_id', 'account_id', 'locale'])
    .execute();
  await db.schema
    .createTable('glossary_term')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('glossary_term_pk', ['tenant_id', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('glossary_term').execute();
  await db.schema.dropTable('translator_language').execute();
  await db.schema.dropTable('translation_state').execute();
}
