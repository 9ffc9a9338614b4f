import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  // SHA-256 (hex) of an uploaded file's bytes, so the same file is not added twice to one portfolio.
  // Files uploaded before this column stay null and are not compared; links have none.
  await db.schema.alterTable('evidence').addColumn('content_sha256', 'text').execute();
  // Backs the check in the upload under concurrent uploads of the same file.
  await db.schema
    .createIndex('evidence_person_sha256_idx')
    .on('evidence')
    .columns(['tenant_id', 'person_id', 'content_sha256'])
    .unique()
    .where(sql.ref('content_sha256'), 'is not', null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('evidence_person_sha256_idx').execute();
  await db.schema.alterTable('evidence').dropColumn('content_sha256').execute();
}
