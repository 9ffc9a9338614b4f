import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * Rows read or written by key, kept in that key's order.
 *
 * A unit's children are listed by code (every drill-down and dashboard does it): an index on
 * (tenant, parent, code, id) finds them in order. With only (tenant, parent), SQLite without
 * statistics walked the tenant's code index instead, every unit of the country (30 ms at 27,000 units).
 *
 * On SQLite, the running counts and the per-person projections that every write's upkeep upserts by
 * their key are stored in key order (WITHOUT ROWID): an upsert then touches one B-tree instead of
 * the table and its key's index, so a commit writes about half the pages, and a unit's rows lie
 * together for the dashboards that read them. PostgreSQL has no such layout and is left as it is.
 */
const KEYED = ['unit_competency_count', 'unit_teacher_count', 'unit_fact_count', 'person_fact', 'competency_status'];

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
async function rebuild(db: Kysely<any>, keyed: boolean): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  for (const table of KEYED) {
    const { rows } = await sql<{
      sql: string;
    }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
    const definition = rows[0]!.sql.replace(/\s+without rowid\s*$/i, '');
    const copy = `${table}_rebuilt`;
    const renamed = definition.replace(/^create table\s+"?\w+"?/i, `create table "${copy}"`);
    await sql.raw(`${renamed}${keyed ? ' without rowid' : ''}`).execute(db);
    await sql.raw(`insert into "${copy}" select * from "${table}"`).execute(db);
    await sql.raw(`drop table "${table}"`).execute(db);
    await sql.raw(`alter table "${copy}" rename to "${table}"`).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see rebuild().
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('org_unit_parent_idx').execute();
  await db.schema
    .createIndex('org_unit_children_idx')
    .on('org_unit')
    .columns(['tenant_id', 'parent_id', 'code', 'id'])
    .execute();
  await rebuild(db, true);
}

// biome-ignore lint/suspicious/noExplicitAny: see rebuild().
export async function down(db: Kysely<any>): Promise<void> {
  await rebuild(db, false);
  await db.schema.dropIndex('org_unit_children_idx').execute();
  await db.schema.createIndex('org_unit_parent_idx').on('org_unit').columns(['tenant_id', 'parent_id']).execute();
}
