import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Project-based-learning grant competitions (issue 17 part 5): calls with their budget, timeline and
 * scoring rubric; applications by teams of teachers with attachments; the reviewer pool, declared
 * conflicts and assignments; append-only scores; and, for funded projects, milestones and reports.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;

  // A call. Title, theme and description are LocalizedText (JSON); eligible_roles a JSON list of person
  // categories; rubric a JSON list of { key, title, weight, maxScore }. Amounts are whole currency units.
  await db.schema
    .createTable('competition')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('eligible_roles', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('budget_total', 'bigint', (c) => c.notNull())
    .addColumn('max_per_grant', 'bigint', (c) => c.notNull())
    .addColumn('opens_at', ts, (c) => c.notNull())
    .addColumn('closes_at', ts, (c) => c.notNull())
    .addColumn('review_by', 'text', (c) => c.notNull())
    .addColumn('decision_on', 'text', (c) => c.notNull())
    .addColumn('reporting_due', 'text', (c) => c.notNull())
    .addColumn('rubric', 'text', (c) => c.notNull())
    .addColumn('reviewers_per_application', 'integer', (c) => c.notNull())
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('competition_unit_idx')
    .on('competition')
    .columns(['tenant_id', 'unit_path', 'closes_at'])
    .execute();

  // Who may be asked to review the call's applications (chosen by its managers).
  await db.schema
    .createTable('competition_reviewer')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('competition_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_reviewer_pk', ['tenant_id', 'competition_id', 'person_id'])
    .addForeignKeyConstraint('competition_reviewer_competition_fk', ['tenant_id', 'competition_id'], 'competition', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('competition_reviewer_person_idx')
    .on('competition_reviewer')
    .columns(['tenant_id', 'person_id'])
    .execute();

  // status: draft > submitted > awarded | declined; awarded > completed once the final report is in.
  await db.schema
    .createTable('competition_application')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('competition_id', 'text', (c) => c.notNull())
    .addColumn('lead_person_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('budget_requested', 'bigint', (c) => c.notNull())
    .addColumn('resource_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', ts)
    .addColumn('awarded_amount', 'bigint')
    .addColumn('decision_note', 'text')
    .addColumn('decided_by_account_id', 'text')
    .addColumn('decided_at', ts)
    .addColumn('showcase_resource_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_application_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('competition_application_competition_fk', ['tenant_id', 'competition_id'], 'competition', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('competition_application_competition_idx')
    .on('competition_application')
    .columns(['tenant_id', 'competition_id', 'status'])
    .execute();

  // The team, lead included, with each member's unit as it was when they joined (for conflicts of interest).
  await db.schema
    .createTable('competition_team_member')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('competition_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('is_lead', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_team_member_pk', ['tenant_id', 'application_id', 'person_id'])
    .addForeignKeyConstraint(
      'competition_team_member_application_fk',
      ['tenant_id', 'application_id'],
      'competition_application',
      ['tenant_id', 'id'],
    )
    .execute();
  // A teacher is on one application per call.
  await db.schema
    .createIndex('competition_team_member_once_idx')
    .on('competition_team_member')
    .columns(['tenant_id', 'competition_id', 'person_id'])
    .unique()
    .execute();

  // A file (kept in the FileStore) attached to an application, or to one of its reports as evidence.
  await db.schema
    .createTable('competition_file')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('added_by_person_id', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_file_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint(
      'competition_file_application_fk',
      ['tenant_id', 'application_id'],
      'competition_application',
      ['tenant_id', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('competition_file_application_idx')
    .on('competition_file')
    .columns(['tenant_id', 'application_id'])
    .execute();

  // A reviewer's declared conflict of interest with one application: never assigned it again.
  await db.schema
    .createTable('competition_conflict')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('reviewer_person_id', 'text', (c) => c.notNull())
    .addColumn('competition_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_conflict_pk', ['tenant_id', 'application_id', 'reviewer_person_id'])
    .execute();

  await db.schema
    .createTable('competition_assignment')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('reviewer_person_id', 'text', (c) => c.notNull())
    .addColumn('competition_id', 'text', (c) => c.notNull())
    .addColumn('automatic', 'integer', (c) => c.notNull())
    .addColumn('assigned_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_assignment_pk', ['tenant_id', 'application_id', 'reviewer_person_id'])
    .execute();
  await db.schema
    .createIndex('competition_assignment_reviewer_idx')
    .on('competition_assignment')
    .columns(['tenant_id', 'reviewer_person_id'])
    .execute();

  // Append-only: a changed score is a new row; the latest (by id, a UUIDv7) per reviewer and criterion counts.
  await db.schema
    .createTable('competition_score')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('competition_id', 'text', (c) => c.notNull())
    .addColumn('reviewer_person_id', 'text', (c) => c.notNull())
    .addColumn('criterion_key', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_score_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('competition_score_competition_idx')
    .on('competition_score')
    .columns(['tenant_id', 'competition_id', 'application_id'])
    .execute();

  await db.schema
    .createTable('competition_milestone')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_milestone_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('competition_milestone_application_idx')
    .on('competition_milestone')
    .columns(['tenant_id', 'application_id'])
    .execute();

  // kind: progress | final (one final report closes the grant).
  await db.schema
    .createTable('competition_report')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('milestone_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by_person_id', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_report_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('competition_report_application_idx')
    .on('competition_report')
    .columns(['tenant_id', 'application_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'competition_report',
    'competition_milestone',
    'competition_score',
    'competition_assignment',
    'competition_conflict',
    'competition_file',
    'competition_team_member',
    'competition_application',
    'competition_reviewer',
    'competition',
  ])
    await db.schema.dropTable(table).execute();
}
