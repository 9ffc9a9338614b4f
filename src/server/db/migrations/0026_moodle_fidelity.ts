import type { Kysely } from 'kysely';

/**
 * Moodle fidelity: what a Moodle competency framework CSV says that Pathway has no column for
 * (id numbers, exported ids, HTML descriptions and their format, the scale and its configuration,
 * rules, the taxonomy) is kept as it came, as JSON beside the framework and each item, with the
 * values Pathway read from it, so an export gives it back while Pathway's value is unchanged.
 * Cross-references are kept as `isRelatedTo` rows of `framework_case_association` (migration 0025).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('framework').addColumn('moodle_source', 'text').execute();
  await db.schema.alterTable('framework_item').addColumn('moodle_source', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('framework_item').dropColumn('moodle_source').execute();
  await db.schema.alterTable('framework').dropColumn('moodle_source').execute();
}
