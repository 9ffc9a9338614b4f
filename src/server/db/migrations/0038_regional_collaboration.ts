import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Regional collaboration (issue 20): seminars, trainings and international projects held by a
 * regional office, with participants from several countries. Every row is in the office's tenant.
 * `regional_activity_country` lists the countries invited; `regional_participant` a person a country's
 * ministry nominated, with only their name and school as given at nomination (a snapshot: the office
 * never reads the country's people); `regional_post` is the activity's discussion, append-only.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;
  await db.schema
    .createTable('regional_activity')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('online_url', 'text')
    .addColumn('created_by_account_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('regional_activity_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createTable('regional_activity_country')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('country_tenant_id', 'text', (c) => c.notNull())
    .addColumn('invited_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('regional_activity_country_pk', ['tenant_id', 'activity_id', 'country_tenant_id'])
    .execute();
  // A country's ministry asks "what is my country invited to", across offices.
  await db.schema
    .createIndex('regional_activity_country_country_idx')
    .on('regional_activity_country')
    .column('country_tenant_id')
    .execute();
  await db.schema
    .createTable('regional_participant')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('country_tenant_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('school_name', 'text', (c) => c.notNull())
    .addColumn('nominated_by_account_id', 'text')
    .addColumn('nominated_at', ts, (c) => c.notNull())
    .addColumn('attended', 'integer')
    .addPrimaryKeyConstraint('regional_participant_pk', ['tenant_id', 'activity_id', 'country_tenant_id', 'person_id'])
    .execute();
  // A person signed in to their own country asks "what do I take part in".
  await db.schema
    .createIndex('regional_participant_person_idx')
    .on('regional_participant')
    .columns(['country_tenant_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('regional_post')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('author_tenant_id', 'text', (c) => c.notNull())
    .addColumn('author_person_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('regional_post_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('regional_post_activity_idx')
    .on('regional_post')
    .columns(['tenant_id', 'activity_id', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('regional_post').execute();
  await db.schema.dropTable('regional_participant').execute();
  await db.schema.dropTable('regional_activity_country').execute();
  await db.schema.dropTable('regional_activity').execute();
}
