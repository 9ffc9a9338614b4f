import type { Kysely } from 'kysely';

/**
 * An offering can be cancelled (with when and why; its enrolments stay, ended, so nothing is credited),
 * and carries its own attendance threshold for completion, in percent of session days. Offerings
 * scheduled before this are scheduled and keep the 80% every offering had.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('training_offering')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .execute();
  await db.schema.alterTable('training_offering').addColumn('cancelled_at', 'text').execute();
  await db.schema.alterTable('training_offering').addColumn('cancel_reason', 'text').execute();
  await db.schema
    .alterTable('training_offering')
    .addColumn('attendance_threshold', 'integer', (c) => c.notNull().defaultTo(80))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['attendance_threshold', 'cancel_reason', 'cancelled_at', 'status'])
    await db.schema.alterTable('training_offering').dropColumn(column).execute();
}
