import type { ExpressionBuilder, Insertable, Kysely, Updateable } from 'kysely';
import type { CoachingCycleTable, DB, LessonObservationTable } from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';
import type { CycleRow, LessonObservationRow } from './practice.repo.ts';

export type { CycleRow, LessonObservationRow };

/** A cycle with the names a reader needs: the coach, the teacher and the teacher's school. */
export type CycleWithPeople = CycleRow & {
  coach_given: string;
  coach_family: string;
  teacher_given: string;
  teacher_family: string;
  teacher_path: string;
  school_id: string;
  school_name: string;
};

function cyclesWithPeople(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('coaching_cycle as c')
    .innerJoin('person as co', (j) =>
      j.onRef('co.tenant_id', '=', 'c.tenant_id').onRef('co.id', '=', 'c.coach_person_id'),
    )
    .innerJoin('person as t', (j) =>
      j.onRef('t.tenant_id', '=', 'c.tenant_id').onRef('t.id', '=', 'c.teacher_person_id'),
    )
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 't.tenant_id').onRef('u.id', '=', 't.org_unit_id'))
    .selectAll('c')
    .select([
      'co.given_name as coach_given',
      'co.family_name as coach_family',
      't.given_name as teacher_given',
      't.family_name as teacher_family',
      't.org_path as teacher_path',
      'u.id as school_id',
      'u.name as school_name',
    ])
    .where('c.tenant_id', '=', tenantId);
}

export function getCycle(db: Kysely<DB>, tenantId: string, id: string): Promise<CycleWithPeople | undefined> {
  return cyclesWithPeople(db, tenantId).where('c.id', '=', id).executeTakeFirst();
}

export interface CycleFilter {
  coachId?: string;
  teacherId?: string;
  /** Either of the two people: a person's own cycles as coach or as teacher. */
  personId?: string;
  teacherPaths?: string[];
  open?: boolean;
  lessonDate?: string;
}

export function listCycles(db: Kysely<DB>, tenantId: string, f: CycleFilter): Promise<CycleWithPeople[]> {
  let q = cyclesWithPeople(db, tenantId);
  if (f.coachId) q = q.where('c.coach_person_id', '=', f.coachId);
  if (f.teacherId) q = q.where('c.teacher_person_id', '=', f.teacherId);
  if (f.personId) {
    const personId = f.personId;
    q = q.where((eb) => eb.or([eb('c.coach_person_id', '=', personId), eb('c.teacher_person_id', '=', personId)]));
  }
  if (f.teacherPaths) {
    const roots = f.teacherPaths;
    q = q.where((eb) => pathUnder(eb as ExpressionBuilder<DB, 'person'>, 't.org_path', roots) as never);
  }
  if (f.open === true) q = q.where('c.status', '!=', 'closed');
  if (f.open === false) q = q.where('c.status', '=', 'closed');
  if (f.lessonDate) q = q.where('c.lesson_date', '=', f.lessonDate);
  return q.orderBy('c.lesson_date', 'desc').orderBy('c.id', 'desc').limit(500).execute();
}

/** This coach's cycle with this teacher that is not closed, if any. */
export function openCycleOf(db: Kysely<DB>, tenantId: string, coachId: string, teacherId: string) {
  return db
    .selectFrom('coaching_cycle')
    .select(['id', 'status', 'lesson_date'])
    .where('tenant_id', '=', tenantId)
    .where('coach_person_id', '=', coachId)
    .where('teacher_person_id', '=', teacherId)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
}

/** Every cycle of this coach with these teachers: for the coachee list. */
export function cyclesOfCoach(db: Kysely<DB>, tenantId: string, coachId: string) {
  return db
    .selectFrom('coaching_cycle')
    .select(['id', 'teacher_person_id', 'status', 'lesson_date'])
    .where('tenant_id', '=', tenantId)
    .where('coach_person_id', '=', coachId)
    .orderBy('lesson_date', 'desc')
    .execute();
}

export async function insertCycle(db: Kysely<DB>, row: Insertable<CoachingCycleTable>) {
  await db.insertInto('coaching_cycle').values(row).execute();
}

/** Updates a cycle only if it is still at one of `from`; answers whether it was. */
export async function updateCycle(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  from: readonly string[],
  patch: Updateable<CoachingCycleTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('coaching_cycle')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function getObservation(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<LessonObservationRow | undefined> {
  return db
    .selectFrom('lesson_observation')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The observations of these cycles, newest first. */
export function observationsOfCycles(db: Kysely<DB>, tenantId: string, cycleIds: string[]) {
  if (cycleIds.length === 0) return Promise.resolve([] as LessonObservationRow[]);
  return db
    .selectFrom('lesson_observation')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', 'in', cycleIds)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertObservation(db: Kysely<DB>, row: Insertable<LessonObservationTable>) {
  await db.insertInto('lesson_observation').values(row).execute();
}

/** Updates an observation only while it is a draft; answers whether it was. */
export async function updateDraft(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  patch: Updateable<LessonObservationTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('lesson_observation')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Who wrote a design (author and co-author), read from the designs module's table: a cycle names a
 * design only by id, and this is the one fact it needs of it.
 */
export function designAuthors(db: Kysely<DB>, tenantId: string, designId: string) {
  return db
    .selectFrom('activity_design')
    .select(['author_person_id', 'co_author_person_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', designId)
    .executeTakeFirst();
}

/** Cycles (status, teacher) and submitted observations' instruments of the teachers under a path. */
export async function summaryUnder(db: Kysely<DB>, tenantId: string, path: string) {
  const roots = [path];
  const cycles = await db
    .selectFrom('coaching_cycle as c')
    .innerJoin('person as t', (j) =>
      j.onRef('t.tenant_id', '=', 'c.tenant_id').onRef('t.id', '=', 'c.teacher_person_id'),
    )
    .select(['c.status', 'c.teacher_person_id'])
    .where('c.tenant_id', '=', tenantId)
    .where((eb) => pathUnder(eb as ExpressionBuilder<DB, 'person'>, 't.org_path', roots) as never)
    .execute();
  const observations = await db
    .selectFrom('lesson_observation as o')
    .innerJoin('person as t', (j) =>
      j.onRef('t.tenant_id', '=', 'o.tenant_id').onRef('t.id', '=', 'o.teacher_person_id'),
    )
    .select(['o.ict_users', 'o.ict_purposes', 'o.student_centredness', 'o.ict_time_share'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.status', '=', 'submitted')
    .where((eb) => pathUnder(eb as ExpressionBuilder<DB, 'person'>, 't.org_path', roots) as never)
    .execute();
  return { cycles, observations };
}

/** Names and schools of these people (a coach's coachees). */
export function peopleWithSchools(db: Kysely<DB>, tenantId: string, ids: string[]) {
  return db
    .selectFrom('person as t')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 't.tenant_id').onRef('u.id', '=', 't.org_unit_id'))
    .select(['t.id', 't.given_name', 't.family_name', 't.sort_name', 'u.id as school_id', 'u.name as school_name'])
    .where('t.tenant_id', '=', tenantId)
    .where('t.id', 'in', ids)
    .execute();
}
