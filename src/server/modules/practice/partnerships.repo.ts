import type { Kysely, Selectable } from 'kysely';
import type { CoachAssignmentTable, DB, PartnershipLogTable, PartnershipTable } from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';

// Partnerships join the org tree (hosts, schools) and people (coaches, teachers) for reading: a
// partnership is a question about places and the people placed there. They write only their own tables.

export type PartnershipRow = Selectable<PartnershipTable>;
export type LogRow = Selectable<PartnershipLogTable>;
export type AssignmentRow = Selectable<CoachAssignmentTable>;

const PARTNERSHIP_COLUMNS = [
  'p.id',
  'p.tei_unit_id',
  'p.title',
  'p.focus',
  'p.starts_on',
  'p.ends_on',
  'p.created_by_account_id',
  'p.created_at',
  'p.updated_at',
  'h.name as host_name',
  'h.type as host_type',
  'h.path as host_path',
] as const;

function partnerships(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('partnership as p')
    .innerJoin('org_unit as h', (j) => j.onRef('h.tenant_id', '=', 'p.tenant_id').onRef('h.id', '=', 'p.tei_unit_id'))
    .select(PARTNERSHIP_COLUMNS)
    .where('p.tenant_id', '=', tenantId);
}
export type PartnershipWithHost = Awaited<ReturnType<typeof getPartnership>> & {};

export function getPartnership(db: Kysely<DB>, tenantId: string, id: string) {
  return partnerships(db, tenantId).where('p.id', '=', id).executeTakeFirst();
}

export interface Visibility {
  /** Subtree roots where the actor manages or reads reports: partnerships with a school or host there. */
  roots: string[];
  personId: string | null;
  /** The unit the actor is placed in: their school's partnerships. */
  unitId: string | null;
}

/** Partnerships the actor may read, newest first; `under` narrows to those touching a subtree. */
export function listPartnerships(
  db: Kysely<DB>,
  tenantId: string,
  who: Visibility,
  filter: { under?: string; on: string; status: 'upcoming' | 'active' | 'ended' | 'all' },
  limit: number,
) {
  let q = partnerships(db, tenantId).where((eb) => {
    const schoolUnder = (roots: string[]) =>
      eb.exists(
        eb
          .selectFrom('partnership_school as s')
          .innerJoin('org_unit as u', (j) =>
            j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.school_unit_id'),
          )
          .select(eb.lit(1).as('one'))
          .whereRef('s.tenant_id', '=', 'p.tenant_id')
          .whereRef('s.partnership_id', '=', 'p.id')
          .where((e) => pathUnder(e, 'u.path', roots)),
      );
    const ways = [];
    if (who.roots.length) ways.push(schoolUnder(who.roots), pathUnder(eb, 'h.path', who.roots));
    if (who.personId)
      ways.push(
        eb.exists(
          eb
            .selectFrom('partnership_coach as c')
            .select(eb.lit(1).as('one'))
            .whereRef('c.tenant_id', '=', 'p.tenant_id')
            .whereRef('c.partnership_id', '=', 'p.id')
            .where('c.person_id', '=', who.personId),
        ),
      );
    if (who.unitId)
      ways.push(
        eb.exists(
          eb
            .selectFrom('partnership_school as s')
            .select(eb.lit(1).as('one'))
            .whereRef('s.tenant_id', '=', 'p.tenant_id')
            .whereRef('s.partnership_id', '=', 'p.id')
            .where('s.school_unit_id', '=', who.unitId),
        ),
      );
    const visible = ways.length ? eb.or(ways) : eb.lit(false);
    if (!filter.under) return visible;
    const under = [filter.under];
    return eb.and([visible, eb.or([schoolUnder(under), pathUnder(eb, 'h.path', under)])]);
  });
  if (filter.status === 'active') q = q.where('p.starts_on', '<=', filter.on).where('p.ends_on', '>=', filter.on);
  if (filter.status === 'upcoming') q = q.where('p.starts_on', '>', filter.on);
  if (filter.status === 'ended') q = q.where('p.ends_on', '<', filter.on);
  return q.orderBy('p.starts_on', 'desc').orderBy('p.id').limit(limit).execute();
}

export function schoolsOf(db: Kysely<DB>, tenantId: string, partnershipIds: string[]) {
  if (!partnershipIds.length) return Promise.resolve([]);
  return db
    .selectFrom('partnership_school as s')
    .innerJoin('org_unit as u', (j) =>
      j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.school_unit_id'),
    )
    .select(['s.partnership_id', 'u.id', 'u.name', 'u.path', 'u.teacher_count'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.partnership_id', 'in', partnershipIds)
    .orderBy('u.path')
    .execute();
}

export function coachesOf(db: Kysely<DB>, tenantId: string, partnershipIds: string[]) {
  if (!partnershipIds.length) return Promise.resolve([]);
  return db
    .selectFrom('partnership_coach as c')
    .innerJoin('person as t', (j) => j.onRef('t.tenant_id', '=', 'c.tenant_id').onRef('t.id', '=', 'c.person_id'))
    .select(['c.partnership_id', 't.id', 't.given_name', 't.family_name'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.partnership_id', 'in', partnershipIds)
    .orderBy('t.sort_name')
    .execute();
}

export function logOf(db: Kysely<DB>, tenantId: string, partnershipId: string) {
  return db
    .selectFrom('partnership_log as l')
    .leftJoin('person as a', (j) => j.onRef('a.tenant_id', '=', 'l.tenant_id').onRef('a.id', '=', 'l.author_person_id'))
    .select(['l.id', 'l.happened_on', 'l.text', 'l.created_at', 'a.given_name', 'a.family_name'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.partnership_id', '=', partnershipId)
    .orderBy('l.happened_on', 'desc')
    .orderBy('l.created_at', 'desc')
    .limit(500)
    .execute();
}

/**
 * Coaching cycles the partnership's coaches run with teachers placed in its schools within its
 * period, per school: those begun and those followed up to the end.
 */
export function cycleCounts(db: Kysely<DB>, tenantId: string, p: Pick<PartnershipRow, 'id' | 'starts_on' | 'ends_on'>) {
  return db
    .selectFrom('coaching_cycle as cy')
    .innerJoin('person as t', (j) =>
      j.onRef('t.tenant_id', '=', 'cy.tenant_id').onRef('t.id', '=', 'cy.teacher_person_id'),
    )
    .innerJoin('partnership_school as s', (j) =>
      j.onRef('s.tenant_id', '=', 't.tenant_id').onRef('s.school_unit_id', '=', 't.org_unit_id'),
    )
    .innerJoin('partnership_coach as c', (j) =>
      j
        .onRef('c.tenant_id', '=', 'cy.tenant_id')
        .onRef('c.person_id', '=', 'cy.coach_person_id')
        .onRef('c.partnership_id', '=', 's.partnership_id'),
    )
    .select((eb) => [
      't.org_unit_id as school_id',
      eb.fn.countAll<string | number>().as('started'),
      eb.fn
        .sum<string | number | null>(eb.case().when('cy.status', '=', 'followed_up').then(1).else(0).end())
        .as('completed'),
    ])
    .where('cy.tenant_id', '=', tenantId)
    .where('s.partnership_id', '=', p.id)
    .where('cy.starts_on', '>=', p.starts_on)
    .where('cy.starts_on', '<=', p.ends_on)
    .groupBy('t.org_unit_id')
    .execute();
}

/** Partnerships of the host with any of the schools whose period meets [startsOn, endsOn]. */
export function overlapping(
  db: Kysely<DB>,
  tenantId: string,
  teiUnitId: string,
  schoolIds: string[],
  startsOn: string,
  endsOn: string,
  exceptId: string | null,
) {
  let q = db
    .selectFrom('partnership as p')
    .innerJoin('partnership_school as s', (j) =>
      j.onRef('s.tenant_id', '=', 'p.tenant_id').onRef('s.partnership_id', '=', 'p.id'),
    )
    .select(['p.id', 's.school_unit_id'])
    .where('p.tenant_id', '=', tenantId)
    .where('p.tei_unit_id', '=', teiUnitId)
    .where('s.school_unit_id', 'in', schoolIds)
    .where('p.starts_on', '<=', endsOn)
    .where('p.ends_on', '>=', startsOn);
  if (exceptId) q = q.where('p.id', '!=', exceptId);
  return q.execute();
}

export async function insertPartnership(db: Kysely<DB>, row: PartnershipRow) {
  await db.insertInto('partnership').values(row).execute();
}

export async function updatePartnership(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: Pick<PartnershipRow, 'tei_unit_id' | 'title' | 'focus' | 'starts_on' | 'ends_on' | 'updated_at'>,
) {
  await db.updateTable('partnership').set(values).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Replaces the schools and coaches of a partnership. */
export async function setMembers(
  db: Kysely<DB>,
  tenantId: string,
  partnershipId: string,
  schoolIds: string[],
  coachIds: string[],
) {
  await db
    .deleteFrom('partnership_school')
    .where('tenant_id', '=', tenantId)
    .where('partnership_id', '=', partnershipId)
    .execute();
  await db
    .deleteFrom('partnership_coach')
    .where('tenant_id', '=', tenantId)
    .where('partnership_id', '=', partnershipId)
    .execute();
  await db
    .insertInto('partnership_school')
    .values(schoolIds.map((id) => ({ tenant_id: tenantId, partnership_id: partnershipId, school_unit_id: id })))
    .execute();
  await db
    .insertInto('partnership_coach')
    .values(coachIds.map((id) => ({ tenant_id: tenantId, partnership_id: partnershipId, person_id: id })))
    .execute();
}

export async function insertLog(db: Kysely<DB>, row: LogRow) {
  await db.insertInto('partnership_log').values(row).execute();
}

// ---- the tree and people a partnership names ----

export function unitsByIds(db: Kysely<DB>, tenantId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('org_unit')
    .select(['id', 'path', 'type', 'name', 'teacher_count'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
}

export function peopleByIds(db: Kysely<DB>, tenantId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('person')
    .select(['id', 'org_unit_id', 'org_path', 'category', 'given_name', 'family_name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
}

export function peopleAt(db: Kysely<DB>, tenantId: string, unitId: string, categories: readonly string[]) {
  return db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name', 'category'])
    .where('tenant_id', '=', tenantId)
    .where('org_unit_id', '=', unitId)
    .where('category', 'in', [...categories])
    .orderBy('sort_name')
    .limit(500)
    .execute();
}

/** Schools under any of `roots`, with their parent's name (the district, usually). */
export function schoolsUnder(db: Kysely<DB>, tenantId: string, roots: string[], limit: number) {
  return db
    .selectFrom('org_unit as u')
    .leftJoin('org_unit as up', (j) => j.onRef('up.tenant_id', '=', 'u.tenant_id').onRef('up.id', '=', 'u.parent_id'))
    .select(['u.id', 'u.path', 'u.name', 'u.teacher_count', 'up.name as parent_name'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.type', '=', 'school')
    .where((eb) => pathUnder(eb, 'u.path', roots))
    .orderBy('u.path')
    .limit(limit)
    .execute();
}

/** Every school under `root`, as id and path only: what coverage counts. */
export function schoolPathsUnder(db: Kysely<DB>, tenantId: string, root: string) {
  return db
    .selectFrom('org_unit as u')
    .select(['u.id', 'u.path'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.type', '=', 'school')
    .where((eb) => pathUnder(eb, 'u.path', [root]))
    .execute();
}

/** Schools under `root` in a partnership running on `on`, with the partnership and its host. */
export function partneredSchoolsUnder(db: Kysely<DB>, tenantId: string, root: string, on: string) {
  return db
    .selectFrom('partnership_school as s')
    .innerJoin('org_unit as u', (j) =>
      j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.school_unit_id'),
    )
    .innerJoin('partnership as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.partnership_id'),
    )
    .innerJoin('org_unit as h', (j) => j.onRef('h.tenant_id', '=', 'p.tenant_id').onRef('h.id', '=', 'p.tei_unit_id'))
    .select(['s.school_unit_id', 'p.id', 'p.title', 'h.name as host_name'])
    .where('s.tenant_id', '=', tenantId)
    .where((eb) => pathUnder(eb, 'u.path', [root]))
    .where('p.starts_on', '<=', on)
    .where('p.ends_on', '>=', on)
    .execute();
}

export function childrenOf(db: Kysely<DB>, tenantId: string, unitId: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'path', 'type', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('parent_id', '=', unitId)
    .orderBy('path')
    .limit(5000)
    .execute();
}

// ---- coach assignments ----

export async function insertAssignment(db: Kysely<DB>, row: AssignmentRow) {
  await db.insertInto('coach_assignment').values(row).execute();
}

/** Assignments of this coach to this teacher whose period meets [startsOn, endsOn]. */
export function overlappingAssignments(
  db: Kysely<DB>,
  tenantId: string,
  coachId: string,
  teacherId: string,
  startsOn: string,
  endsOn: string,
) {
  return db
    .selectFrom('coach_assignment')
    .select(['id', 'starts_on', 'ends_on'])
    .where('tenant_id', '=', tenantId)
    .where('coach_person_id', '=', coachId)
    .where('teacher_person_id', '=', teacherId)
    .where('starts_on', '<=', endsOn)
    .where('ends_on', '>=', startsOn)
    .execute();
}

/** Assignments where `personId` is coach or teacher, or whose teacher is placed under `roots`. */
export function listAssignments(
  db: Kysely<DB>,
  tenantId: string,
  who: { personId: string | null; roots: string[] },
  onlyPersonId: string | undefined,
  limit: number,
) {
  let q = assignmentsWithNames(db, tenantId).where((eb) => {
    const ways = [pathUnder(eb, 't.org_path', who.roots)];
    if (who.personId)
      ways.push(eb('a.coach_person_id', '=', who.personId), eb('a.teacher_person_id', '=', who.personId));
    return eb.or(ways);
  });
  if (onlyPersonId)
    q = q.where((eb) =>
      eb.or([eb('a.coach_person_id', '=', onlyPersonId), eb('a.teacher_person_id', '=', onlyPersonId)]),
    );
  return q.orderBy('a.starts_on', 'desc').orderBy('a.id').limit(limit).execute();
}

/** Coach assignments with the coach's and the teacher's names. */
function assignmentsWithNames(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('coach_assignment as a')
    .innerJoin('person as c', (j) => j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.coach_person_id'))
    .innerJoin('person as t', (j) =>
      j.onRef('t.tenant_id', '=', 'a.tenant_id').onRef('t.id', '=', 'a.teacher_person_id'),
    )
    .select([
      'a.id',
      'a.starts_on',
      'a.ends_on',
      'a.created_at',
      'c.id as coach_id',
      'c.given_name as coach_given',
      'c.family_name as coach_family',
      't.id as teacher_id',
      't.given_name as teacher_given',
      't.family_name as teacher_family',
    ])
    .where('a.tenant_id', '=', tenantId);
}

export function getAssignment(db: Kysely<DB>, tenantId: string, id: string) {
  return assignmentsWithNames(db, tenantId).where('a.id', '=', id).executeTakeFirst();
}

/** Holds the host's row until the transaction ends (PostgreSQL): partnerships of one host are checked for overlap one at a time. */
export async function lockHost(db: Kysely<DB>, tenantId: string, unitId: string) {
  await db
    .selectFrom('org_unit')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', unitId)
    .forUpdate()
    .execute();
}
