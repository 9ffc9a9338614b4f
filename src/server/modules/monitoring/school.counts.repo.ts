import { type Kysely, PostgresAdapter, type Selectable, sql } from 'kysely';
import type { DB, SchoolFactTable, UnitSchoolCountTable } from '../../db/schema.ts';
import { readInBatches, rowsPerStatement, writeInBatches } from '../../shared/batches.ts';

export type SchoolFactRow = Selectable<SchoolFactTable>;
export type SchoolCountRow = Selectable<UnitSchoolCountTable>;

/** The key families of `school_fact` and `unit_school_count` besides `schools`. */
export const PLAN = 'plan';
export const PARTNER = 'partner';
export type Kind = typeof PLAN | typeof PARTNER;

/**
 * One key per merged interval: the end first, so that "still running or to come" is a range on the
 * primary key (`{kind}:{today}` and after) and the intervals that ended are never read.
 */
export const intervalKey = (kind: Kind, start: string, end: string) => `${kind}:${end}:${start}`;

/** Units, with what decides their keys, for a refresh. Locked on PostgreSQL (see school.counts.ts). */
export async function schoolsOf(db: Kysely<DB>, tenantId: string, unitIds: string[], lock: boolean) {
  const ids = [...new Set(unitIds)].sort();
  return readInBatches(ids, (batch) => {
    const q = db
      .selectFrom('org_unit')
      .select(['id', 'path', 'type', 'locality'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', batch)
      .orderBy('id');
    return lock ? q.forNoKeyUpdate().execute() : q.execute();
  });
}

/** The periods that give these schools their `plan` and `partner` keys (active plans; every partnership naming them). */
export async function periodsOf(db: Kysely<DB>, tenantId: string, schoolIds: string[]) {
  type Period = { school_id: string; kind: Kind; start: string; end: string };
  const plans = await readInBatches(schoolIds, (batch) =>
    db
      .selectFrom('school_plan')
      .select(['school_id', 'period_start as start', 'period_end as end'])
      .where('tenant_id', '=', tenantId)
      .where('school_id', 'in', batch)
      .where('status', '=', 'active')
      .execute(),
  );
  const partners = await readInBatches(schoolIds, (batch) =>
    db
      .selectFrom('partnership_school as ps')
      .innerJoin('partnership as p', (j) =>
        j.onRef('p.tenant_id', '=', 'ps.tenant_id').onRef('p.id', '=', 'ps.partnership_id'),
      )
      .select(['ps.school_unit_id as school_id', 'p.starts_on as start', 'p.ends_on as end'])
      .where('ps.tenant_id', '=', tenantId)
      .where('ps.school_unit_id', 'in', batch)
      .execute(),
  );
  return [
    ...plans.map((p): Period => ({ ...p, kind: PLAN })),
    ...partners.map((p): Period => ({ ...p, kind: PARTNER })),
  ];
}

export function factsOf(db: Kysely<DB>, tenantId: string, schoolIds: string[]): Promise<SchoolFactRow[]> {
  return readInBatches(schoolIds, (batch) =>
    db
      .selectFrom('school_fact')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('school_id', 'in', batch)
      .execute(),
  );
}

/** Replaces the keys of these schools with `rows`. */
export async function putFacts(db: Kysely<DB>, tenantId: string, schoolIds: string[], rows: SchoolFactRow[]) {
  await readInBatches(schoolIds, (batch) =>
    db.deleteFrom('school_fact').where('tenant_id', '=', tenantId).where('school_id', 'in', batch).execute(),
  );
  await writeInBatches(rows, rowsPerStatement(4), (batch) => db.insertInto('school_fact').values(batch).execute());
}

/**
 * Adds signed deltas (summed per key first), then drops the rows that fell to zero: a school that
 * left a unit, or an interval no school has any more, leaves no row behind, as a rebuild would.
 */
export async function addSchoolCounts(db: Kysely<DB>, rows: SchoolCountRow[]) {
  const summed = new Map<string, SchoolCountRow>();
  for (const r of rows) {
    const key = `${r.unit_id}|${r.key}|${r.place}`;
    const seen = summed.get(key);
    if (seen) seen.schools += r.schools;
    else summed.set(key, { ...r });
  }
  const changes = [...summed.values()].filter((r) => r.schools !== 0);
  if (!changes.length) return;
  await writeInBatches(changes, rowsPerStatement(5), (batch) =>
    db
      .insertInto('unit_school_count')
      .values(batch)
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'unit_id', 'key', 'place'])
          .doUpdateSet((eb) => ({ schools: eb('unit_school_count.schools', '+', eb.ref('excluded.schools')) })),
      )
      .execute(),
  );
  const tenantId = changes[0]!.tenant_id;
  await readInBatches([...new Set(changes.filter((r) => r.schools < 0).map((r) => r.unit_id))], (batch) =>
    db
      .deleteFrom('unit_school_count')
      .where('tenant_id', '=', tenantId)
      .where('unit_id', 'in', batch)
      .where('schools', '=', 0)
      .execute(),
  );
}

/** A unit's own rows: everything of its subtree, which a move carries from the old ancestors to the new. */
export function countsOfUnit(db: Kysely<DB>, tenantId: string, unitId: string): Promise<SchoolCountRow[]> {
  return db
    .selectFrom('unit_school_count')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('unit_id', '=', unitId)
    .execute();
}

export interface SchoolCounts {
  unit_id: string;
  place: string;
  schools: number;
  with_plan: number;
  with_partner: number;
}

/**
 * Per unit and place: its schools, and those with a plan or a partnership in effect on `today`
 * (an ISO day). A unit reads its `schools` rows and its intervals that have not ended, each a range
 * of the primary key; the intervals that have not begun are dropped by their start.
 */
export async function schoolCountsOf(
  db: Kysely<DB>,
  tenantId: string,
  unitIds: string[],
  today: string,
): Promise<SchoolCounts[]> {
  if (!unitIds.length) return [];
  type Row = {
    unit_id: string;
    place: string;
    schools: number | string;
    with_plan: number | string;
    with_partner: number | string;
  };
  // One range of the primary key per unit and family, so a unit's ended intervals are never read:
  // `{kind}:{end}:{start}` with ISO days, the end from `{kind}:{today}` on, the start checked after.
  const running = (kind: Kind, ids: string[]) => {
    const startAt = kind.length + 13;
    return sql`select unit_id, place, schools from unit_school_count
      where tenant_id = ${tenantId} and unit_id in (${sql.join(ids)})
        and key >= ${`${kind}:${today}`} and key < ${`${kind};`} and substr(key, ${sql.lit(startAt)}, 10) <= ${today}`;
  };
  const rows = await readInBatches([...new Set(unitIds)], (batch) =>
    sql<Row>`
      select unit_id, place, sum(schools) as schools, sum(with_plan) as with_plan, sum(with_partner) as with_partner
      from (
        select unit_id, place, schools, 0 as with_plan, 0 as with_partner from unit_school_count
        where tenant_id = ${tenantId} and unit_id in (${sql.join(batch)}) and key = 'schools'
        union all
        select unit_id, place, 0, schools, 0 from (${running(PLAN, batch)}) p
        union all
        select unit_id, place, 0, 0, schools from (${running(PARTNER, batch)}) q
      ) t
      group by unit_id, place`
      .execute(db)
      .then((r) => r.rows),
  );
  return rows
    .map((r) => ({
      unit_id: r.unit_id,
      place: r.place,
      schools: Number(r.schools),
      with_plan: Number(r.with_plan),
      with_partner: Number(r.with_partner),
    }))
    .sort((a, b) => a.unit_id.localeCompare(b.unit_id) || a.place.localeCompare(b.place));
}

/** Every row of a tenant's school counts and school keys, in a stable order: what the equivalence test compares. */
export async function schoolCountSnapshot(db: Kysely<DB>, tenantId: string) {
  const [counts, facts] = await Promise.all([
    db
      .selectFrom('unit_school_count')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('unit_id')
      .orderBy('key')
      .orderBy('place')
      .execute(),
    db
      .selectFrom('school_fact')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('school_id')
      .orderBy('key')
      .execute(),
  ]);
  return {
    counts: counts.map((r) => ({ ...r, schools: Number(r.schools) })),
    facts,
  };
}

/**
 * Recounts a tenant's school keys and unit counts from the tree, the plans and the partnerships,
 * set-based (bulk loads, `pathway rebuild-aggregates`). Intervals are merged as `mergeIntervals` in
 * school.counts.ts merges them: sorted by start (then end), one begins where the start passes every
 * end before it. Migration 0046 fills the tables with the same two statements.
 */
export async function rebuildSchoolCounts(db: Kysely<DB>, tenantId: string) {
  await db.deleteFrom('unit_school_count').where('tenant_id', '=', tenantId).execute();
  await db.deleteFrom('school_fact').where('tenant_id', '=', tenantId).execute();
  await sql`
    with schools as (
      select id, coalesce(locality, 'unknown') || '|' || type as place from org_unit
      where tenant_id = ${tenantId} and type = 'school'
    ),
    iv (school_id, place, kind, s, e) as (
      select u.id, u.place, ${sql.lit(PLAN)}, sp.period_start, sp.period_end
      from school_plan sp join schools u on u.id = sp.school_id
      where sp.tenant_id = ${tenantId} and sp.status = 'active' and sp.period_start <= sp.period_end
      union all
      select u.id, u.place, ${sql.lit(PARTNER)}, p.starts_on, p.ends_on
      from partnership_school ps join schools u on u.id = ps.school_unit_id
      join partnership p on p.tenant_id = ps.tenant_id and p.id = ps.partnership_id
      where ps.tenant_id = ${tenantId} and p.starts_on <= p.ends_on
    ),
    marked as (
      select school_id, place, kind, s, e, case when s <= max(e) over (partition by school_id, kind order by s, e
        rows between unbounded preceding and 1 preceding) then 0 else 1 end as brk
      from iv
    ),
    grouped as (
      select school_id, place, kind, s, e,
        sum(brk) over (partition by school_id, kind order by s, e rows unbounded preceding) as grp
      from marked
    ),
    merged as (
      select school_id, place, kind, min(s) as s, max(e) as e from grouped group by school_id, place, kind, grp
    )
    insert into school_fact (tenant_id, school_id, key, place)
    select cast(${tenantId} as text), id, 'schools', place from schools
    union all
    select cast(${tenantId} as text), school_id, kind || ':' || e || ':' || s, place from merged`.execute(db);
  await sql`
    with recursive above (unit_id, ancestor_id) as (
      select id, id from org_unit where tenant_id = ${tenantId} and type = 'school'
      union all
      select above.unit_id, u.parent_id from above
      join org_unit u on u.tenant_id = ${tenantId} and u.id = above.ancestor_id
      where u.parent_id is not null
    )
    insert into unit_school_count (tenant_id, unit_id, place, key, schools)
    select ${tenantId}, above.ancestor_id, f.place, f.key, count(*)
    from school_fact f join above on above.unit_id = f.school_id
    where f.tenant_id = ${tenantId}
    group by above.ancestor_id, f.place, f.key`.execute(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`analyze unit_school_count, school_fact`.execute(db);
}
