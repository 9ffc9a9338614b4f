import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, SchoolPlanActionTable, SchoolPlanProgressTable, SchoolPlanTable } from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';

// A school's plan names people of the school, its teachers' development plans and its partnership:
// those are read here (through person, development_plan, partnership_school) to check and show
// them. The plan writes only its own tables.

const PLAN_COLUMNS = [
  'p.id',
  'p.school_id',
  'p.review_id',
  'p.status',
  'p.period_start',
  'p.period_end',
  'p.title',
  'p.vision',
  'p.goals',
  'p.partnership_id',
  'p.development_plan_ids',
  'p.created_by_account_id',
  'p.created_at',
  'p.updated_at',
  'p.activated_at',
  'p.archived_at',
  'u.name as school_name',
  'u.path as school_path',
] as const;

function plans(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('school_plan as p')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.school_id'))
    .select(PLAN_COLUMNS)
    .where('p.tenant_id', '=', tenantId);
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof getPlan>>>;

export function getPlan(db: Kysely<DB>, tenantId: string, id: string) {
  return plans(db, tenantId).where('p.id', '=', id).executeTakeFirst();
}

export function plansOfSchool(db: Kysely<DB>, tenantId: string, schoolId: string, withDrafts: boolean) {
  let q = plans(db, tenantId).where('p.school_id', '=', schoolId);
  if (!withDrafts) q = q.where('p.status', '!=', 'draft');
  return q.orderBy('p.period_start', 'desc').orderBy('p.id', 'desc').limit(100).execute();
}

/** Every plan of the schools under a path (for the district list). */
export function plansUnder(db: Kysely<DB>, tenantId: string, path: string) {
  return plans(db, tenantId)
    .where((eb) => pathUnder(eb, 'u.path', [path]))
    .orderBy('p.updated_at', 'desc')
    .execute();
}

export function activePlanOf(db: Kysely<DB>, tenantId: string, schoolId: string, exceptId: string) {
  return db
    .selectFrom('school_plan')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('school_id', '=', schoolId)
    .where('status', '=', 'active')
    .where('id', '!=', exceptId)
    .executeTakeFirst();
}

export async function insertPlan(db: Kysely<DB>, row: Insertable<SchoolPlanTable>) {
  await db.insertInto('school_plan').values(row).execute();
}

export async function updatePlan(db: Kysely<DB>, tenantId: string, id: string, set: Updateable<SchoolPlanTable>) {
  await db.updateTable('school_plan').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export function actionsOf(db: Kysely<DB>, tenantId: string, planIds: string[], withRemoved = false) {
  if (!planIds.length) return Promise.resolve([]);
  let q = db
    .selectFrom('school_plan_action as a')
    .leftJoin('person as o', (j) => j.onRef('o.tenant_id', '=', 'a.tenant_id').onRef('o.id', '=', 'a.owner_person_id'))
    .select([
      'a.id',
      'a.plan_id',
      'a.position',
      'a.area',
      'a.title',
      'a.owner_person_id',
      'a.owner_text',
      'a.due_on',
      'a.status',
      'a.resources',
      'a.removed',
      'o.given_name',
      'o.family_name',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.plan_id', 'in', planIds);
  if (!withRemoved) q = q.where('a.removed', '=', 0);
  return q.orderBy('a.plan_id').orderBy('a.position').execute();
}

export async function insertActions(db: Kysely<DB>, rows: Insertable<SchoolPlanActionTable>[]) {
  if (rows.length) await db.insertInto('school_plan_action').values(rows).execute();
}

export async function updateAction(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  set: Updateable<SchoolPlanActionTable>,
) {
  await db.updateTable('school_plan_action').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export function progressOf(db: Kysely<DB>, tenantId: string, planId: string) {
  return db
    .selectFrom('school_plan_progress as g')
    .leftJoin('person as a', (j) => j.onRef('a.tenant_id', '=', 'g.tenant_id').onRef('a.id', '=', 'g.author_person_id'))
    .select(['g.id', 'g.reviewed_on', 'g.note', 'g.action_statuses', 'g.created_at', 'a.given_name', 'a.family_name'])
    .where('g.tenant_id', '=', tenantId)
    .where('g.plan_id', '=', planId)
    .orderBy('g.reviewed_on', 'desc')
    .orderBy('g.created_at', 'desc')
    .execute();
}

export function lastProgress(db: Kysely<DB>, tenantId: string, planIds: string[]) {
  if (!planIds.length) return Promise.resolve([]);
  return db
    .selectFrom('school_plan_progress')
    .select(['plan_id', (eb) => eb.fn.max('reviewed_on').as('last')])
    .where('tenant_id', '=', tenantId)
    .where('plan_id', 'in', planIds)
    .groupBy('plan_id')
    .execute();
}

export async function insertProgress(db: Kysely<DB>, row: Insertable<SchoolPlanProgressTable>) {
  await db.insertInto('school_plan_progress').values(row).execute();
}

// ---- what a plan may name

export function peopleAt(db: Kysely<DB>, tenantId: string, schoolId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name', 'category'])
    .where('tenant_id', '=', tenantId)
    .where('org_unit_id', '=', schoolId)
    .orderBy('sort_name')
    .orderBy('id')
    .limit(1000)
    .execute();
}

export function peopleByIds(db: Kysely<DB>, tenantId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('person')
    .select(['id', 'org_unit_id', 'given_name', 'family_name', 'category'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
}

/** Development plans of the teachers placed at the school (or only those with the given ids). */
export function developmentPlansAt(db: Kysely<DB>, tenantId: string, schoolId: string | null, ids?: string[]) {
  let q = db
    .selectFrom('development_plan as d')
    .innerJoin('person as t', (j) => j.onRef('t.tenant_id', '=', 'd.tenant_id').onRef('t.id', '=', 'd.person_id'))
    .select(['d.id', 'd.person_id', 'd.status', 't.org_unit_id', 't.category', 't.given_name', 't.family_name'])
    .where('d.tenant_id', '=', tenantId);
  if (schoolId) q = q.where('t.org_unit_id', '=', schoolId).where('t.category', '=', 'teacher');
  if (ids) {
    if (!ids.length) return Promise.resolve([]);
    q = q.where('d.id', 'in', ids);
  }
  return q.orderBy('t.sort_name').orderBy('d.updated_at', 'desc').limit(1000).execute();
}

export function partnershipsWith(db: Kysely<DB>, tenantId: string, schoolId: string) {
  return db
    .selectFrom('partnership_school as s')
    .innerJoin('partnership as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.partnership_id'),
    )
    .select(['p.id', 'p.title', 'p.starts_on', 'p.ends_on'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.school_unit_id', '=', schoolId)
    .orderBy('p.starts_on', 'desc')
    .execute();
}

export function reviewsOfSchool(db: Kysely<DB>, tenantId: string, schoolId: string) {
  return db
    .selectFrom('school_review')
    .select(['id', 'opens_on', 'closes_on'])
    .where('tenant_id', '=', tenantId)
    .where('school_id', '=', schoolId)
    .orderBy('opens_on', 'desc')
    .execute();
}

export function schoolsUnder(db: Kysely<DB>, tenantId: string, path: string) {
  return db
    .selectFrom('org_unit as u')
    .leftJoin('org_unit as d', (j) => j.onRef('d.tenant_id', '=', 'u.tenant_id').onRef('d.id', '=', 'u.parent_id'))
    .select(['u.id', 'u.name', 'u.path', 'd.name as parent_name'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.type', '=', 'school')
    .where((eb) => pathUnder(eb, 'u.path', [path]))
    .orderBy('u.path')
    .execute();
}
