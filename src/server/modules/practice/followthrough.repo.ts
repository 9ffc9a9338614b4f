import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, FollowThroughVisitTable } from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';
import { rowsPerStatement, writeInBatches } from '../../shared/batches.ts';
import { VISIT_STATUSES } from './followthrough.schemas.ts';

export type VisitRow = Selectable<FollowThroughVisitTable>;

/**
 * Schedules visits, each with its teacher's placement as it is now; one already scheduled for the
 * same enrolment and interval stays as it is.
 */
export async function insertVisits(db: Kysely<DB>, rows: Omit<VisitRow, 'evidence_ids' | 'teacher_path'>[]) {
  await writeInBatches(rows, rowsPerStatement(17), (batch) =>
    db
      .insertInto('follow_through_visit')
      .values(
        batch.map((r) => ({
          ...r,
          teacher_path: sql<string>`(select p.org_path from person p where p.tenant_id = ${r.tenant_id} and p.id = ${r.teacher_person_id})`,
        })),
      )
      .onConflict((oc) => oc.columns(['tenant_id', 'enrolment_id', 'months_after']).doNothing())
      .execute(),
  );
}

/** Coaches of partnerships running on `on` with each of these schools, first named first. */
export function partnershipCoachesOf(db: Kysely<DB>, tenantId: string, schoolIds: string[], on: string) {
  if (schoolIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('partnership_school as s')
    .innerJoin('partnership as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.partnership_id'),
    )
    .innerJoin('partnership_coach as c', (j) =>
      j.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.partnership_id', '=', 's.partnership_id'),
    )
    .select(['s.school_unit_id', 'c.person_id'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.school_unit_id', 'in', schoolIds)
    .where('p.starts_on', '<=', on)
    .where('p.ends_on', '>=', on)
    .orderBy('p.starts_on')
    .orderBy('c.person_id')
    .execute();
}

/** Visits with the names a list shows: joins people, places and the catalogue, as a report does. */
function visitsWithNames(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('follow_through_visit as v')
    .innerJoin('person as t', (j) =>
      j.onRef('t.tenant_id', '=', 'v.tenant_id').onRef('t.id', '=', 'v.teacher_person_id'),
    )
    .innerJoin('person as c', (j) => j.onRef('c.tenant_id', '=', 'v.tenant_id').onRef('c.id', '=', 'v.coach_person_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 't.tenant_id').onRef('u.id', '=', 't.org_unit_id'))
    .innerJoin('training_offering as o', (j) =>
      j.onRef('o.tenant_id', '=', 'v.tenant_id').onRef('o.id', '=', 'v.offering_id'),
    )
    .leftJoin('training_module as m', (j) =>
      j.onRef('m.tenant_id', '=', 'o.tenant_id').onRef('m.id', '=', 'o.module_id'),
    )
    .leftJoin('training_programme as g', (j) =>
      j.onRef('g.tenant_id', '=', 'o.tenant_id').onRef('g.id', '=', 'o.programme_id'),
    )
    .selectAll('v')
    .select([
      't.given_name as teacher_given',
      't.family_name as teacher_family',
      't.org_unit_id as school_id',
      'u.name as school_name',
      'c.given_name as coach_given',
      'c.family_name as coach_family',
      sql<string>`coalesce(m.title, g.title)`.as('offering_title'),
    ])
    .where('v.tenant_id', '=', tenantId);
}
export type VisitView = Awaited<ReturnType<typeof getVisit>> & {};

export function getVisit(db: Kysely<DB>, tenantId: string, id: string) {
  return visitsWithNames(db, tenantId).where('v.id', '=', id).executeTakeFirst();
}

/** A coach's visits: still due (overdue first, by date), or made (latest first). */
export function visitsOfCoach(db: Kysely<DB>, tenantId: string, coachId: string, status: 'due' | 'done') {
  const q = visitsWithNames(db, tenantId).where('v.coach_person_id', '=', coachId).where('v.status', '=', status);
  return (status === 'due' ? q.orderBy('v.due_on') : q.orderBy('v.visited_on', 'desc')).limit(500).execute();
}

/**
 * Visits of teachers placed under these paths: overdue (due before today), due, or done. The page is
 * picked first from the placement index of the visits alone (status, the teacher's placement, due
 * day), and only its rows are joined to the names a list shows.
 */
export function visitsUnder(
  db: Kysely<DB>,
  tenantId: string,
  roots: string[],
  filter: { status: 'overdue' | 'due' | 'done'; today: string; limit: number },
) {
  const done = filter.status === 'done';
  let page = db
    .selectFrom('follow_through_visit as v')
    .select('v.id')
    .where('v.tenant_id', '=', tenantId)
    .where((eb) => pathUnder(eb, 'v.teacher_path', roots))
    .where('v.status', '=', done ? 'done' : 'due');
  if (filter.status === 'overdue') page = page.where('v.due_on', '<', filter.today);
  page = done ? page.orderBy('v.visited_on', 'desc') : page.orderBy('v.due_on');
  const rows = visitsWithNames(db, tenantId).where('v.id', 'in', page.orderBy('v.id').limit(filter.limit));
  return (done ? rows.orderBy('v.visited_on', 'desc') : rows.orderBy('v.due_on')).orderBy('v.id').execute();
}

/** Records a visit once: the guarded update finds nothing when it was recorded already. */
export async function recordVisit(db: Kysely<DB>, tenantId: string, id: string, patch: Partial<VisitRow>) {
  const result = await db
    .updateTable('follow_through_visit')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'due')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Links a recorded visit to the cycle its coach starts from it, once: only the visit's coach, for its
 * teacher, while no cycle is linked. False when any of that does not hold.
 */
export async function linkCycle(
  db: Kysely<DB>,
  tenantId: string,
  visit: { id: string; coachId: string; teacherId: string },
  cycleId: string,
) {
  const result = await db
    .updateTable('follow_through_visit')
    .set({ cycle_id: cycleId })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', visit.id)
    .where('coach_person_id', '=', visit.coachId)
    .where('teacher_person_id', '=', visit.teacherId)
    .where('status', '=', 'done')
    .where('cycle_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A teacher moved: their visits follow them to the new placement. */
export async function placeTeacher(db: Kysely<DB>, tenantId: string, personId: string, path: string) {
  await db
    .updateTable('follow_through_visit')
    .set({ teacher_path: path })
    .where('tenant_id', '=', tenantId)
    .where('teacher_person_id', '=', personId)
    .where('teacher_path', '!=', path)
    .execute();
}

/** A unit moved with its subtree: the visits of teachers under it take the new prefix. */
export async function moveSubtree(db: Kysely<DB>, tenantId: string, fromPath: string, toPath: string) {
  await db
    .updateTable('follow_through_visit')
    .set({ teacher_path: sql<string>`${toPath} || substr(teacher_path, ${fromPath.length + 1})` })
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', VISIT_STATUSES)
    .where((eb) => pathUnder(eb, 'teacher_path', [fromPath]))
    .execute();
}

/** After a bulk load: every visit whose teacher's placement differs takes it again. */
export async function placeAllTeachers(db: Kysely<DB>, tenantId: string) {
  const placed = sql<string>`(select p.org_path from person p
    where p.tenant_id = follow_through_visit.tenant_id and p.id = follow_through_visit.teacher_person_id)`;
  await db
    .updateTable('follow_through_visit')
    .set({ teacher_path: placed })
    .where('tenant_id', '=', tenantId)
    .where('teacher_path', '!=', placed)
    .execute();
}
