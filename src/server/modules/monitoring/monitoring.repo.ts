import { type Kysely, PostgresAdapter, type Selectable, sql } from 'kysely';
import type { DB, UnitCompetencyCountTable, UnitTeacherCountTable } from '../../db/schema.ts';

export type CompetencyCountRow = Selectable<UnitCompetencyCountTable>;
export type TeacherCountRow = Selectable<UnitTeacherCountTable>;

/** Adds signed deltas to the competency counts in one statement (rows are summed per key first). */
export async function addCompetencyCounts(db: Kysely<DB>, rows: CompetencyCountRow[]) {
  const summed = new Map<string, CompetencyCountRow>();
  for (const r of rows) {
    const key = [r.unit_id, r.framework_id, r.item_id, r.basis, r.level_code, r.sex].join('|');
    const seen = summed.get(key);
    if (seen) seen.teachers += r.teachers;
    else summed.set(key, { ...r });
  }
  const changes = [...summed.values()].filter((r) => r.teachers !== 0);
  for (let i = 0; i < changes.length; i += 500)
    await db
      .insertInto('unit_competency_count')
      .values(changes.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'unit_id', 'framework_id', 'item_id', 'basis', 'level_code', 'sex'])
          .doUpdateSet((eb) => ({ teachers: eb('unit_competency_count.teachers', '+', eb.ref('excluded.teachers')) })),
      )
      .execute();
}

export async function addTeacherCounts(db: Kysely<DB>, rows: TeacherCountRow[]) {
  const summed = new Map<string, TeacherCountRow>();
  for (const r of rows) {
    const key = `${r.unit_id}|${r.sex}`;
    const seen = summed.get(key);
    if (seen) seen.teachers += r.teachers;
    else summed.set(key, { ...r });
  }
  const changes = [...summed.values()].filter((r) => r.teachers !== 0);
  if (changes.length === 0) return;
  await db
    .insertInto('unit_teacher_count')
    .values(changes)
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'unit_id', 'sex'])
        .doUpdateSet((eb) => ({ teachers: eb('unit_teacher_count.teachers', '+', eb.ref('excluded.teachers')) })),
    )
    .execute();
}

export function competencyCountsOf(db: Kysely<DB>, tenantId: string, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([] as CompetencyCountRow[]);
  return db
    .selectFrom('unit_competency_count')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('unit_id', 'in', unitIds)
    .where('teachers', '!=', 0)
    .execute();
}

/** Teachers per (unit, item, level) for one basis, summed over sex unless one sex is asked for. */
export function levelCountsOf(
  db: Kysely<DB>,
  tenantId: string,
  unitIds: string[],
  filter: { frameworkId: string; basis: string; sex?: string | undefined },
) {
  if (unitIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('unit_competency_count')
    .select(['unit_id', 'item_id', 'level_code', (eb) => eb.fn.sum<number>('teachers').as('teachers')])
    .where('tenant_id', '=', tenantId)
    .where('unit_id', 'in', unitIds)
    .where('framework_id', '=', filter.frameworkId)
    .where('basis', '=', filter.basis);
  if (filter.sex) q = q.where('sex', '=', filter.sex);
  return q
    .groupBy(['unit_id', 'item_id', 'level_code'])
    .having((eb) => eb.fn.sum('teachers'), '!=', 0)
    .execute();
}

export function teacherCountsOf(db: Kysely<DB>, tenantId: string, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([] as TeacherCountRow[]);
  return db
    .selectFrom('unit_teacher_count')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('unit_id', 'in', unitIds)
    .where('teachers', '!=', 0)
    .execute();
}

export function allCounts(db: Kysely<DB>, tenantId: string) {
  return Promise.all([
    db
      .selectFrom('unit_competency_count')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('teachers', '!=', 0)
      .orderBy(['unit_id', 'framework_id', 'item_id', 'basis', 'level_code', 'sex'])
      .execute(),
    db
      .selectFrom('unit_teacher_count')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('teachers', '!=', 0)
      .orderBy(['unit_id', 'sex'])
      .execute(),
  ]);
}

/** The rows of one unit: what its whole subtree contributes to the units above it. */
export async function countsOfUnit(db: Kysely<DB>, tenantId: string, unitId: string) {
  const [competencies, teachers] = await Promise.all([
    competencyCountsOf(db, tenantId, [unitId]),
    teacherCountsOf(db, tenantId, [unitId]),
  ]);
  return { competencies, teachers };
}

/**
 * Recomputes both tables of a tenant from the people and the status projection, set-based: teachers
 * are counted per unit they sit in, then added to that unit and each unit above it (`above` pairs
 * every unit with itself and its ancestors, walked up by parent). This reads across modules' tables
 * on purpose: it is the rebuild of a projection over all of them.
 */
export async function rebuildCounts(db: Kysely<DB>, tenantId: string) {
  await db.deleteFrom('unit_competency_count').where('tenant_id', '=', tenantId).execute();
  await db.deleteFrom('unit_teacher_count').where('tenant_id', '=', tenantId).execute();
  const sexOf = sql.raw(`coalesce(p.sex, 'unknown')`);
  const above = sql`
    above (unit_id, ancestor_id) as (
      select id, id from org_unit where tenant_id = ${tenantId}
      union all
      select above.unit_id, u.parent_id from above
      join org_unit u on u.tenant_id = ${tenantId} and u.id = above.ancestor_id
      where u.parent_id is not null
    )`;
  await sql`
    with recursive ${above},
    direct as (
      select p.org_unit_id as unit_id, ${sexOf} as sex, count(*) as n
      from person p
      where p.tenant_id = ${tenantId} and p.category = 'teacher'
      group by p.org_unit_id, ${sexOf}
    )
    insert into unit_teacher_count (tenant_id, unit_id, sex, teachers)
    select ${tenantId}, above.ancestor_id, direct.sex, sum(direct.n)
    from direct join above on above.unit_id = direct.unit_id
    group by above.ancestor_id, direct.sex
  `.execute(db);
  await sql`
    with recursive ${above},
    direct as (
      select p.org_unit_id as unit_id, c.framework_id, c.item_id, 'self' as basis,
        coalesce(c.self_level_code, 'not_yet') as level_code, ${sexOf} as sex, count(*) as n
      from competency_status c
      join person p on p.tenant_id = c.tenant_id and p.id = c.person_id
      where c.tenant_id = ${tenantId} and p.category = 'teacher' and c.self_event_id is not null
      group by p.org_unit_id, c.framework_id, c.item_id, coalesce(c.self_level_code, 'not_yet'), ${sexOf}
      union all
      select p.org_unit_id as unit_id, c.framework_id, c.item_id, 'confirmed' as basis,
        coalesce(c.confirmed_level_code, 'not_yet') as level_code, ${sexOf} as sex, count(*) as n
      from competency_status c
      join person p on p.tenant_id = c.tenant_id and p.id = c.person_id
      where c.tenant_id = ${tenantId} and p.category = 'teacher' and c.confirmed_event_id is not null
      group by p.org_unit_id, c.framework_id, c.item_id, coalesce(c.confirmed_level_code, 'not_yet'), ${sexOf}
    )
    insert into unit_competency_count (tenant_id, unit_id, framework_id, item_id, basis, level_code, sex, teachers)
    select ${tenantId}, above.ancestor_id, direct.framework_id, direct.item_id, direct.basis, direct.level_code,
      direct.sex, sum(direct.n)
    from direct join above on above.unit_id = direct.unit_id
    group by above.ancestor_id, direct.framework_id, direct.item_id, direct.basis, direct.level_code, direct.sex
  `.execute(db);
  // Fresh statistics, or PostgreSQL plans the dashboards' reads as if the tables were empty.
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`analyze unit_competency_count, unit_teacher_count`.execute(db);
}
