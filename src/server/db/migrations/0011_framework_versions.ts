import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;

  // Publishing a version supersedes the lineage's current one; the new version remembers what the
  // ministry chose for its changed items ('carry_over' | 'new_evidence').
  await db.schema.alterTable('framework').addColumn('superseded_at', ts).execute();
  await db.schema.alterTable('framework').addColumn('changed_items', 'text').execute();

  // Lineages that already have several published versions keep the newest as current.
  await sql`
    update framework set status = 'superseded', superseded_at = updated_at
    where status = 'published' and exists (
      select 1 from framework n
      where n.tenant_id = framework.tenant_id and n.lineage_id = framework.lineage_id and n.status = 'published'
        and (n.published_at > framework.published_at or (n.published_at = framework.published_at and n.id > framework.id))
    )`.execute(db);

  // Exactly one current version per lineage: both dialects keep partial unique indexes.
  await sql`create unique index framework_current_idx on framework (tenant_id, lineage_id) where status = 'published'`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index framework_current_idx`.execute(db);
  await sql`update framework set status = 'published' where status = 'superseded'`.execute(db);
  await db.schema.alterTable('framework').dropColumn('changed_items').execute();
  await db.schema.alterTable('framework').dropColumn('superseded_at').execute();
}
