import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;

  // The ledger: append-only evidence about a person's competency. A correction is a new row naming
  // the row it supersedes; nothing here is ever updated or deleted.
  await db.schema
    .createTable('assessment_event')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('level_code', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('evidence_ids', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('supersedes_id', 'text')
    .addColumn('is_void', 'integer', (c) => c.notNull())
    .addColumn('effective_at', ts, (c) => c.notNull())
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .addColumn('actor_account_id', 'text')
    .addColumn('actor_person_id', 'text')
    .addPrimaryKeyConstraint('assessment_event_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('assessment_event_person_idx')
    .on('assessment_event')
    .columns(['tenant_id', 'person_id', 'item_id', 'effective_at'])
    .execute();
  // An event is superseded at most once: a second correction must correct the first correction.
  await db.schema
    .createIndex('assessment_event_supersedes_idx')
    .on('assessment_event')
    .columns(['tenant_id', 'supersedes_id'])
    .unique()
    .execute();

  // The projection: current levels per (person, competency), rebuilt from the ledger at will.
  await db.schema
    .createTable('competency_status')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('self_event_id', 'text')
    .addColumn('self_level_code', 'text')
    .addColumn('self_at', ts)
    .addColumn('confirmed_event_id', 'text')
    .addColumn('confirmed_level_code', 'text')
    .addColumn('confirmed_kind', 'text')
    .addColumn('confirmed_at', ts)
    .addColumn('trained_event_id', 'text')
    .addColumn('trained_at', ts)
    .addPrimaryKeyConstraint('competency_status_pk', ['tenant_id', 'person_id', 'item_id'])
    .execute();
  await db.schema
    .createTable('self_assessment')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('submitted_at', ts)
    .addPrimaryKeyConstraint('self_assessment_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('self_assessment_person_idx')
    .on('self_assessment')
    .columns(['tenant_id', 'person_id', 'framework_id', 'started_at'])
    .execute();
  // One open self-assessment per person and standard, even under concurrent starts.
  await db.schema
    .createIndex('self_assessment_open_idx')
    .on('self_assessment')
    .columns(['tenant_id', 'person_id', 'framework_id'])
    .unique()
    .where(sql.ref('status'), '=', 'in_progress')
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('content_type', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('storage_key', 'text')
    .addColumn('url', 'text')
    .addColumn('item_ids', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('evidence_person_idx').on('evidence').columns(['tenant_id', 'person_id']).execute();

  // A teacher's request that an assessor confirm a competency; its workflow state changes, the
  // rating it ends in is a ledger event.
  await db.schema
    .createTable('review_request')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('claimed_level_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evidence_ids', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('assessor_comment', 'text')
    .addColumn('assessor_account_id', 'text')
    .addColumn('decided_event_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('review_request_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('review_request_person_idx')
    .on('review_request')
    .columns(['tenant_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('review_request_status_idx')
    .on('review_request')
    .columns(['tenant_id', 'status', 'created_at'])
    .execute();

  await db.schema
    .createTable('observation')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('observer_person_id', 'text')
    .addColumn('observer_account_id', 'text')
    .addColumn('observed_on', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('grade', 'text')
    .addColumn('lesson_focus', 'text', (c) => c.notNull())
    .addColumn('practices', 'text', (c) => c.notNull())
    .addColumn('ratings', 'text', (c) => c.notNull())
    .addColumn('strengths', 'text')
    .addColumn('suggestions', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('observation_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('observation_person_idx').on('observation').columns(['tenant_id', 'person_id']).execute();

  await db.schema
    .createTable('coaching_visit')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('coach_person_id', 'text')
    .addColumn('coach_account_id', 'text')
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('focus_item_ids', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('agreed_actions', 'text', (c) => c.notNull())
    .addColumn('next_visit_on', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('coaching_visit_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('coaching_visit_person_idx')
    .on('coaching_visit')
    .columns(['tenant_id', 'person_id'])
    .execute();

  // The level teachers under a unit are expected to reach in a standard; the nearest unit's applies.
  await db.schema
    .createTable('level_target')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'text', (c) => c.notNull())
    .addColumn('lineage_id', 'text', (c) => c.notNull())
    .addColumn('level_code', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('level_target_pk', ['tenant_id', 'org_unit_id', 'lineage_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'level_target',
    'coaching_visit',
    'observation',
    'review_request',
    'evidence',
    'self_assessment',
    'competency_status',
    'assessment_event',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
