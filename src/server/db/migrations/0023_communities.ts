import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Communities of practice (issue 17, part 3): groups by subject, region, TEI-school partnership or
 * training cohort, with threads, posts, reactions and reports, and one search index shared by
 * threads' posts and events (the library keeps its own, migration 0020).
 *
 * A thread page is posts of one thread by time: `community_post_thread_idx` (tenant, thread, created,
 * id) is that order, so a page is one index range scan however many posts the tenant holds.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = postgres ? sql`timestamptz` : sql`text`;

  await db.schema
    .createTable('community')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('access', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('partnership_id', 'text')
    .addColumn('offering_id', 'text')
    .addColumn('created_by_person_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('community_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('community_unit_idx')
    .on('community')
    .columns(['tenant_id', 'access', 'unit_path'])
    .execute();
  // One cohort community per offering.
  await db.schema
    .createIndex('community_offering_idx')
    .on('community')
    .columns(['tenant_id', 'offering_id'])
    .unique()
    .where(sql.ref('offering_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('community_member')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('community_member_pk', ['tenant_id', 'community_id', 'person_id'])
    .addForeignKeyConstraint('community_member_community_fk', ['tenant_id', 'community_id'], 'community', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('community_member_person_idx')
    .on('community_member')
    .columns(['tenant_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('community_thread')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author_person_id', 'text', (c) => c.notNull())
    .addColumn('post_count', 'integer', (c) => c.notNull())
    .addColumn('last_post_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('community_thread_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('community_thread_community_fk', ['tenant_id', 'community_id'], 'community', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('community_thread_recent_idx')
    .on('community_thread')
    .columns(['tenant_id', 'community_id', 'last_post_at', 'id'])
    .execute();

  await db.schema
    .createTable('community_post')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('author_person_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('mentions', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('hidden', 'integer', (c) => c.notNull())
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by_person_id', 'text')
    .addColumn('hidden_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('community_post_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('community_post_thread_fk', ['tenant_id', 'thread_id'], 'community_thread', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('community_post_thread_idx')
    .on('community_post')
    .columns(['tenant_id', 'thread_id', 'created_at', 'id'])
    .execute();
  // The spam limit counts a person's recent posts: one range scan.
  await db.schema
    .createIndex('community_post_author_idx')
    .on('community_post')
    .columns(['tenant_id', 'author_person_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('community_reaction')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('community_reaction_pk', ['tenant_id', 'post_id', 'person_id', 'kind'])
    .addForeignKeyConstraint('community_reaction_post_fk', ['tenant_id', 'post_id'], 'community_post', [
      'tenant_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('community_report')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('reporter_person_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('community_report_pk', ['tenant_id', 'post_id', 'reporter_person_id'])
    .addForeignKeyConstraint('community_report_post_fk', ['tenant_id', 'post_id'], 'community_post', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('community_report_community_idx')
    .on('community_report')
    .columns(['tenant_id', 'community_id', 'created_at'])
    .execute();

  // The search index of posts (their thread's title with their body) and events (SQLite: `event_fts`
  // beside `community_fts`): `kind` is post or event, `entity_id` the post's or event's id, `thread_id` the post's thread.
  if (postgres) {
    // unaccent, where it could be created, came with migration 0020.
    await db.schema
      .createTable('community_search')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('thread_id', 'text')
      .addColumn('search_vector', sql`tsvector`, (c) => c.notNull())
      .addPrimaryKeyConstraint('community_search_pk', ['tenant_id', 'kind', 'entity_id'])
      .execute();
    await sql`create index community_search_idx on community_search using gin (search_vector)`.execute(db);
  } else {
    // Posts and events apart: the few events are searched without walking a million posts' matches.
    for (const table of ['community_fts', 'event_fts'])
      await sql`create virtual table ${sql.table(table)} using fts5(
        tenant_id unindexed, kind unindexed, entity_id unindexed, thread_id unindexed, body,
        tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'")`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await db.schema.dropTable('community_search').execute();
  else for (const table of ['community_fts', 'event_fts']) await sql`drop table ${sql.table(table)}`.execute(db);
  for (const table of [
    'community_report',
    'community_reaction',
    'community_post',
    'community_thread',
    'community_member',
    'community',
  ])
    await db.schema.dropTable(table).execute();
}
