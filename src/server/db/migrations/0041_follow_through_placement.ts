import { type Kysely, sql } from 'kysely';

/**
 * A follow-through visit carries its teacher's placement (`teacher_path`, kept by practice when
 * people or units move), indexed by status, placement, due day and id: a unit's due list is then
 * one range of this index, read in proportion to the unit's visits, instead of a walk over every
 * teacher under the unit with a look-up of each one's visits.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('follow_through_visit')
    .addColumn('teacher_path', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update follow_through_visit set teacher_path = (select p.org_path from person p
    where p.tenant_id = follow_through_visit.tenant_id and p.id = follow_through_visit.teacher_person_id)`.execute(db);
  await db.schema
    .createIndex('follow_through_visit_placement_idx')
    .on('follow_through_visit')
    .columns(['tenant_id', 'status', 'teacher_path', 'due_on', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('follow_through_visit_placement_idx').execute();
  await db.schema.alterTable('follow_through_visit').dropColumn('teacher_path').execute();
}
