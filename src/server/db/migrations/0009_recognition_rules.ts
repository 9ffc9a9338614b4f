import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;

  // What earns recognition: a condition tree (JSON) over confirmed levels and completed training.
  await db.schema
    .createTable('recognition_rule')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('achievement_type', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text')
    .addColumn('condition', 'text', (c) => c.notNull())
    // The condition with its references looked up (levels at or above, an aspect's competencies, a
    // programme's modules), so evaluating on every change reads no framework or catalogue.
    .addColumn('resolved', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('activated_at', ts)
    .addPrimaryKeyConstraint('recognition_rule_pk', ['tenant_id', 'id'])
    .execute();
  // What each rule names (competencies, including every competency of a named aspect; modules,
  // including every module of a named programme; programmes), so a change finds the rules it can
  // affect with one index lookup.
  await db.schema
    .createTable('recognition_rule_ref')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('ref_type', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recognition_rule_ref_pk', ['tenant_id', 'ref_type', 'ref_id', 'rule_id'])
    .execute();

  // One award per (rule, person), ever: the unique key is what makes a repeated event harmless.
  await db.schema
    .createTable('recognition_award')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('credential_id', 'text')
    .addColumn('qualified_at', ts, (c) => c.notNull())
    .addColumn('decided_at', ts)
    .addColumn('decided_by_account_id', 'text')
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('recognition_award_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('recognition_award_rule_person_idx')
    .on('recognition_award')
    .columns(['tenant_id', 'rule_id', 'person_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('recognition_award_status_idx')
    .on('recognition_award')
    .columns(['tenant_id', 'status', 'qualified_at'])
    .execute();
  await db.schema
    .createIndex('recognition_award_person_idx')
    .on('recognition_award')
    .columns(['tenant_id', 'person_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('recognition_award').execute();
  await db.schema.dropTable('recognition_rule_ref').execute();
  await db.schema.dropTable('recognition_rule').execute();
}
