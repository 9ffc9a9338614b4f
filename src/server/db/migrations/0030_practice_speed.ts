import type { Kysely } from 'kysely';

/**
 * A teacher's follow-through visits by status and date, carrying the visit's id and visit day: a
 * district's due list walks its teachers (their placement index) and reads each one's visits from
 * this index alone, and refreshing a teacher's practice facts reads their recorded visits the same
 * way. Without the id the list either scanned the country's visits in date order or read every row
 * of the district's visits. It replaces the narrower index of 0018.
 *
 * A teacher's library uses, read by the same refresh (`used_library`): without an index by person
 * that read scanned every use of the country at each observation, cycle or visit.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('follow_through_visit_teacher_due_idx')
    .on('follow_through_visit')
    .columns(['tenant_id', 'teacher_person_id', 'status', 'due_on', 'visited_on', 'id'])
    .execute();
  await db.schema.dropIndex('follow_through_visit_teacher_idx').execute();
  await db.schema
    .createIndex('resource_use_person_idx')
    .on('resource_use')
    .columns(['tenant_id', 'person_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('resource_use_person_idx').execute();
  await db.schema
    .createIndex('follow_through_visit_teacher_idx')
    .on('follow_through_visit')
    .columns(['tenant_id', 'teacher_person_id', 'status', 'due_on'])
    .execute();
  await db.schema.dropIndex('follow_through_visit_teacher_due_idx').execute();
}
