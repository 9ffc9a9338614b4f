import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Events (issue 17): workshops, regional seminars and policy meetings organised at an org unit, with
 * their participants (people of the tenant, invited or registered), outside guests by email, the
 * decisions and follow-up actions taken, and each account's calendar feed token (kept as its hash).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;

  await db.schema
    .createTable('event')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('ends_at', ts, (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('online_url', 'text')
    .addColumn('agenda', 'text', (c) => c.notNull())
    .addColumn('registration_open', 'integer', (c) => c.notNull())
    .addColumn('capacity', 'integer')
    .addColumn('minutes', 'text')
    .addColumn('outcomes', 'text')
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('event_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('event_unit_idx').on('event').columns(['tenant_id', 'unit_path', 'starts_at']).execute();

  // A person of the tenant at an event: invited by the organiser or registered themselves; attendance
  // is null until the organiser records it.
  await db.schema
    .createTable('event_participant')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('attended', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('event_participant_pk', ['tenant_id', 'event_id', 'person_id'])
    .addForeignKeyConstraint('event_participant_event_fk', ['tenant_id', 'event_id'], 'event', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('event_participant_person_idx')
    .on('event_participant')
    .columns(['tenant_id', 'person_id'])
    .execute();

  // Someone from outside the tenant's people, known by email only: no account, no person row.
  await db.schema
    .createTable('event_guest')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('attended', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('event_guest_pk', ['tenant_id', 'event_id', 'email'])
    .addForeignKeyConstraint('event_guest_event_fk', ['tenant_id', 'event_id'], 'event', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('event_decision')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('event_decision_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('event_decision_event_fk', ['tenant_id', 'event_id'], 'event', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('event_decision_event_idx')
    .on('event_decision')
    .columns(['tenant_id', 'event_id'])
    .execute();

  // A follow-up action: open until its owner or the organiser closes it. Closing is the only change,
  // made once, recording who and when, and written to the audit log with the row before and after.
  await db.schema
    .createTable('event_action')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_by_account_id', 'text')
    .addColumn('closed_at', ts)
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('event_action_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('event_action_event_fk', ['tenant_id', 'event_id'], 'event', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('event_action_event_idx').on('event_action').columns(['tenant_id', 'event_id']).execute();
  await db.schema
    .createIndex('event_action_owner_idx')
    .on('event_action')
    .columns(['tenant_id', 'owner_person_id', 'status'])
    .execute();

  // One calendar feed per account; the token itself is shown once and only its hash is kept.
  await db.schema
    .createTable('calendar_token')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_token_pk', ['tenant_id', 'account_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['calendar_token', 'event_action', 'event_decision', 'event_guest', 'event_participant', 'event'])
    await db.schema.dropTable(table).execute();
}
