import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The resource library (issue 17): lesson plans, activity designs (by reference), case studies,
 * curricula, videos, links and documents, with their review, collections, ratings and reports of
 * use in class, and the full-text index over every language's text.
 *
 * Search: SQLite keeps an FTS5 table (`resource_fts`); PostgreSQL a `search_vector` tsvector column
 * with a GIN index. Both are written by the service in the transaction that changes the resource,
 * from text already folded (lower case, Latin diacritics and apostrophes taken off) so both
 * dialects match alike; PostgreSQL also passes it through `unaccent` where the extension exists.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = postgres ? sql`timestamptz` : sql`text`;

  await db.schema
    .createTable('resource')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('design_id', 'text')
    .addColumn('url', 'text')
    .addColumn('file_name', 'text')
    .addColumn('content_type', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('storage_key', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('competencies', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('author_person_ids', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('sharing', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visible_path', 'text')
    .addColumn('review_reason', 'text')
    .addColumn('reviewed_by_person_id', 'text')
    .addColumn('reviewed_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('resource_visible_idx').on('resource').columns(['tenant_id', 'visible_path']).execute();
  await db.schema
    .createIndex('resource_status_idx')
    .on('resource')
    .columns(['tenant_id', 'status', 'unit_path'])
    .execute();
  await db.schema.createIndex('resource_owner_idx').on('resource').columns(['tenant_id', 'owner_person_id']).execute();
  await db.schema.createIndex('resource_design_idx').on('resource').columns(['tenant_id', 'design_id']).execute();

  // What a resource is aligned to and written in, one row per value, for the search filters.
  await db.schema
    .createTable('resource_facet')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_facet_pk', ['tenant_id', 'resource_id', 'facet', 'value'])
    .addForeignKeyConstraint('resource_facet_resource_fk', ['tenant_id', 'resource_id'], 'resource', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('resource_facet_value_idx')
    .on('resource_facet')
    .columns(['tenant_id', 'facet', 'value'])
    .execute();

  await db.schema
    .createTable('resource_rating')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_rating_pk', ['tenant_id', 'resource_id', 'person_id'])
    .addForeignKeyConstraint('resource_rating_resource_fk', ['tenant_id', 'resource_id'], 'resource', [
      'tenant_id',
      'id',
    ])
    .execute();

  // "I used this in class": append-only.
  await db.schema
    .createTable('resource_use')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('used_on', 'text', (c) => c.notNull())
    .addColumn('class_label', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_use_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('resource_use_resource_fk', ['tenant_id', 'resource_id'], 'resource', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('resource_use_resource_idx')
    .on('resource_use')
    .columns(['tenant_id', 'resource_id'])
    .execute();

  await db.schema
    .createTable('resource_collection')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_collection_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('resource_collection_owner_idx')
    .on('resource_collection')
    .columns(['tenant_id', 'owner_person_id'])
    .execute();
  await db.schema
    .createTable('resource_collection_item')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('collection_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('added_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_collection_item_pk', ['tenant_id', 'collection_id', 'resource_id'])
    .addForeignKeyConstraint(
      'resource_collection_item_collection_fk',
      ['tenant_id', 'collection_id'],
      'resource_collection',
      ['tenant_id', 'id'],
    )
    .addForeignKeyConstraint('resource_collection_item_resource_fk', ['tenant_id', 'resource_id'], 'resource', [
      'tenant_id',
      'id',
    ])
    .execute();

  if (postgres) {
    // unaccent is a trusted extension, but the role may still lack CREATE on the database: then the
    // folding done before indexing (lower case, Latin diacritics) is all there is.
    await sql`savepoint resource_unaccent`.execute(db);
    try {
      await sql`create extension if not exists unaccent`.execute(db);
      await sql`release savepoint resource_unaccent`.execute(db);
    } catch {
      await sql`rollback to savepoint resource_unaccent`.execute(db);
    }
    await sql`alter table resource add column search_vector tsvector not null default ''::tsvector`.execute(db);
    await sql`create index resource_search_idx on resource using gin (search_vector)`.execute(db);
  } else {
    await sql`create virtual table resource_fts using fts5(
      tenant_id unindexed, resource_id unindexed, body,
      tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'")`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await sql`drop table resource_fts`.execute(db);
  for (const table of [
    'resource_collection_item',
    'resource_collection',
    'resource_use',
    'resource_rating',
    'resource_facet',
    'resource',
  ])
    await db.schema.dropTable(table).execute();
}
