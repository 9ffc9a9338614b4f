import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, OrgUnitTable, TenantTable } from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';
import { readInBatches, rowsPerStatement, writeInBatches } from '../../shared/batches.ts';

export type UnitRow = Selectable<OrgUnitTable>;
export type TenantRow = Selectable<TenantTable>;

export interface UnitCounts {
  id: string;
  schoolsUnder: number;
  teachersUnder: number;
  childCount: number;
}

export function getTenant(db: Kysely<DB>, tenantId: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenant').selectAll().where('id', '=', tenantId).executeTakeFirst();
}

export function getTenantByCode(db: Kysely<DB>, code: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenant').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listTenants(db: Kysely<DB>): Promise<TenantRow[]> {
  return db.selectFrom('tenant').selectAll().orderBy('code').execute();
}

export async function insertTenant(db: Kysely<DB>, row: TenantRow): Promise<void> {
  await db.insertInto('tenant').values(row).execute();
}

/** Reserves `n` path keys; the counter row serialises concurrent creators. Returns the first. */
export async function reservePathKeys(db: Kysely<DB>, tenantId: string, n: number): Promise<number> {
  const row = await db
    .updateTable('tenant')
    .set((eb) => ({ unit_seq: eb('unit_seq', '+', n) }))
    .where('id', '=', tenantId)
    .returning('unit_seq')
    .executeTakeFirstOrThrow();
  return row.unit_seq - n + 1;
}

export function getUnit(db: Kysely<DB>, tenantId: string, id: string): Promise<UnitRow | undefined> {
  return db
    .selectFrom('org_unit')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function getUnitsByIds(db: Kysely<DB>, tenantId: string, ids: string[]): Promise<UnitRow[]> {
  return readInBatches([...new Set(ids)], (batch) =>
    db.selectFrom('org_unit').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', batch).execute(),
  );
}

export async function getUnitsByPaths(db: Kysely<DB>, tenantId: string, paths: string[]): Promise<UnitRow[]> {
  const rows = await readInBatches([...new Set(paths)], (batch) =>
    db.selectFrom('org_unit').selectAll().where('tenant_id', '=', tenantId).where('path', 'in', batch).execute(),
  );
  // Byte-wise, as the paths' C collation orders them on both databases.
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function findUnitByCode(db: Kysely<DB>, tenantId: string, code: string): Promise<UnitRow | undefined> {
  return db
    .selectFrom('org_unit')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export function listChildren(db: Kysely<DB>, tenantId: string, parentId: string, limit: number): Promise<UnitRow[]> {
  return db
    .selectFrom('org_unit')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('parent_id', '=', parentId)
    .orderBy('code')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function searchUnits(
  db: Kysely<DB>,
  tenantId: string,
  roots: string[],
  filter: { q?: string | undefined; type?: string | undefined },
  limit: number,
): Promise<UnitRow[]> {
  let query = db
    .selectFrom('org_unit')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) => pathUnder(eb, 'path', roots));
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.q) {
    const pattern = `%${filter.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(name)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(code)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  return query.orderBy('depth').orderBy('path').limit(limit).execute();
}

/** Subtree totals for several units in one grouped range join. */
export async function countsUnder(
  db: Kysely<DB>,
  tenantId: string,
  unitIds: string[],
): Promise<Map<string, UnitCounts>> {
  const rows = await readInBatches([...new Set(unitIds)], (batch) =>
    db
      .selectFrom('org_unit as u')
      .innerJoin('org_unit as d', (join) =>
        join
          .onRef('d.tenant_id', '=', 'u.tenant_id')
          .onRef('d.path', '>=', 'u.path')
          .on('d.path', '<', sql<string>`substr(u.path, 1, length(u.path) - 1) || '0'`),
      )
      .select((eb) => [
        'u.id as id',
        eb.fn.sum<number>('d.teacher_count').as('teachers'),
        eb.fn.sum<number>(eb.case().when('d.type', '=', 'school').then(1).else(0).end()).as('schools'),
        eb.fn.sum<number>(eb.case().when('d.parent_id', '=', eb.ref('u.id')).then(1).else(0).end()).as('children'),
      ])
      .where('u.tenant_id', '=', tenantId)
      .where('u.id', 'in', batch)
      .groupBy('u.id')
      .execute(),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, teachersUnder: Number(r.teachers), schoolsUnder: Number(r.schools), childCount: Number(r.children) },
    ]),
  );
}

export async function insertUnit(db: Kysely<DB>, row: UnitRow): Promise<void> {
  await db.insertInto('org_unit').values(row).execute();
}

export async function updateUnit(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  patch: Partial<Pick<UnitRow, 'type' | 'code' | 'name' | 'locality' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('org_unit').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Re-roots a subtree: every path under `oldPath` (units and people) gets `newPath` as its prefix. */
export async function rewriteSubtreePaths(
  db: Kysely<DB>,
  tenantId: string,
  oldPath: string,
  newPath: string,
  depthDelta: number,
  at: string,
): Promise<void> {
  const cut = oldPath.length + 1;
  await db
    .updateTable('org_unit')
    .set((eb) => ({
      path: sql<string>`${newPath} || substr(path, ${sql.lit(cut)})`,
      depth: eb('depth', '+', depthDelta),
      updated_at: at,
    }))
    .where('tenant_id', '=', tenantId)
    .where((eb) => pathUnder(eb, 'path', [oldPath]))
    .execute();
  await db
    .updateTable('person')
    .set({ org_path: sql<string>`${newPath} || substr(org_path, ${sql.lit(cut)})` })
    .where('tenant_id', '=', tenantId)
    .where((eb) => pathUnder(eb, 'org_path', [oldPath]))
    .execute();
}

export async function setParent(db: Kysely<DB>, tenantId: string, id: string, parentId: string): Promise<void> {
  await db
    .updateTable('org_unit')
    .set({ parent_id: parentId })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function adjustTeacherCount(
  db: Kysely<DB>,
  tenantId: string,
  unitId: string,
  delta: number,
): Promise<void> {
  if (delta === 0) return;
  await db
    .updateTable('org_unit')
    .set((eb) => ({ teacher_count: eb('teacher_count', '+', delta) }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', unitId)
    .execute();
}

export function unitHistory(db: Kysely<DB>, tenantId: string, unitId: string) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'actor_account_id', 'before_json', 'after_json'])
    .where('tenant_id', '=', tenantId)
    .where('entity_type', '=', 'org_unit')
    .where('entity_id', '=', unitId)
    .orderBy('id')
    .execute();
}

/** Multi-row inserts for bulk loads (demo, roster import); the caller holds the transaction. */
export async function insertUnits(db: Kysely<DB>, rows: UnitRow[]): Promise<void> {
  await writeInBatches(rows, rowsPerStatement(13), (batch) => db.insertInto('org_unit').values(batch).execute());
}

/** Recomputes every unit's direct teacher count from the people table (after bulk loads). */
export async function recountTeachers(db: Kysely<DB>, tenantId: string): Promise<void> {
  await db
    .updateTable('org_unit')
    .set((eb) => ({
      teacher_count: eb
        .selectFrom('person')
        .select((p) => p.fn.countAll<number>().as('n'))
        .where('person.tenant_id', '=', tenantId)
        .whereRef('person.org_unit_id', '=', 'org_unit.id')
        .where('person.category', '=', 'teacher'),
    }))
    .where('tenant_id', '=', tenantId)
    .execute();
}

/** Every unit of a tenant, lean: the in-memory index a roster import resolves codes against. */
export function allUnits(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'parent_id', 'path', 'depth', 'type', 'code', 'name', 'locality'])
    .where('tenant_id', '=', tenantId)
    .execute();
}

export function topUnit(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'path'])
    .where('tenant_id', '=', tenantId)
    .where('parent_id', 'is', null)
    .executeTakeFirst();
}
