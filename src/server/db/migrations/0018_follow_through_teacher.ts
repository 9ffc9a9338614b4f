import type { Kysely } from 'kysely';

/**
 * A teacher's follow-through visits, read whenever their practice facts are refreshed (each lesson
 * observation, cycle or visit): without this index that read scanned every visit of the country.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('follow_through_visit_teacher_idx')
    .on('follow_through_visit')
    .columns(['tenant_id', 'teacher_person_id', 'status', 'due_on'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('follow_through_visit_teacher_idx').execute();
}
