import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { FrameworkRow } from './frameworks.repo.ts';

/** Versions that were published once: the current one and those it superseded (or that were retired). */
export const SETTLED_STATUSES = ['published', 'superseded', 'retired'] as const;

/** The current (published) version of a lineage; a partial unique index keeps it to one. */
export function currentOfLineage(db: Kysely<DB>, tenantId: string, lineageId: string) {
  return db
    .selectFrom('framework')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('lineage_id', '=', lineageId)
    .where('status', '=', 'published')
    .executeTakeFirst() as Promise<FrameworkRow | undefined>;
}

/** The current versions of every lineage of a tenant, the most recently published first. */
export function currentVersions(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('framework')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .execute() as Promise<FrameworkRow[]>;
}

/**
 * Publishing runs one at a time per lineage: PostgreSQL locks the lineage's version rows (SQLite has
 * one writer). The partial unique index is the backstop either way.
 */
export async function lockLineage(db: Kysely<DB>, dialect: 'sqlite' | 'postgres', tenantId: string, lineageId: string) {
  if (dialect !== 'postgres') return;
  await sql`select id from framework where tenant_id = ${tenantId} and lineage_id = ${lineageId} order by id for update`.execute(
    db,
  );
}

/** Supersedes a published version; answers 0 rows when it is no longer published. */
export async function supersede(db: Kysely<DB>, tenantId: string, id: string, at: string) {
  const result = await db
    .updateTable('framework')
    .set({ status: 'superseded', superseded_at: at, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The item with the same CASE identifier in the current version of the item's lineage, if any. */
export function currentItemOf(db: Kysely<DB>, tenantId: string, itemId: string) {
  return db
    .selectFrom('framework_item as i')
    .innerJoin('framework as f', (j) => j.onRef('f.tenant_id', '=', 'i.tenant_id').onRef('f.id', '=', 'i.framework_id'))
    .innerJoin('framework as c', (j) =>
      j
        .onRef('c.tenant_id', '=', 'f.tenant_id')
        .onRef('c.lineage_id', '=', 'f.lineage_id')
        .on('c.status', '=', 'published'),
    )
    .innerJoin('framework_item as ci', (j) =>
      j
        .onRef('ci.tenant_id', '=', 'c.tenant_id')
        .onRef('ci.framework_id', '=', 'c.id')
        .onRef('ci.case_identifier', '=', 'i.case_identifier'),
    )
    .select(['ci.id', 'ci.framework_id'])
    .where('i.tenant_id', '=', tenantId)
    .where('i.id', '=', itemId)
    .executeTakeFirst();
}
