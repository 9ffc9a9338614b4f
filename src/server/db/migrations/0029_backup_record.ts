import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * When each backup was taken (issue 22): `pathway migrate` warns, or with --require-backup-within
 * refuses, when the newest is older than asked. One database-wide table, not a tenant's.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;
  await db.schema
    .createTable('backup_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('dialect', 'text', (c) => c.notNull())
    .addColumn('tables', 'integer', (c) => c.notNull())
    .addColumn('rows', 'bigint', (c) => c.notNull())
    .addColumn('files', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('encrypted', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('backup_record_created_idx').on('backup_record').column('created_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('backup_record').execute();
}
