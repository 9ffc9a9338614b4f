import type { Kysely, Selectable } from 'kysely';
import type {
  CoachAssignmentTable,
  CoachingCycleTable,
  DB,
  LessonObservationTable,
  PartnershipTable,
} from '../../db/schema.ts';

export type PartnershipRow = Selectable<PartnershipTable>;
export type AssignmentRow = Selectable<CoachAssignmentTable>;
export type CycleRow = Selectable<CoachingCycleTable>;
export type LessonObservationRow = Selectable<LessonObservationTable>;

/**
 * Teachers placed in the schools of partnerships this person coaches in, running on `on`. Joins the
 * people module's table for placement: a coach's reach is a question about where teachers are.
 */
export function partnershipCoachees(
  db: Kysely<DB>,
  tenantId: string,
  coachPersonId: string,
  on: string,
  teacherIds?: string[],
) {
  let q = db
    .selectFrom('partnership_coach as c')
    .innerJoin('partnership as p', (j) =>
      j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.partnership_id'),
    )
    .innerJoin('partnership_school as s', (j) =>
      j.onRef('s.tenant_id', '=', 'c.tenant_id').onRef('s.partnership_id', '=', 'c.partnership_id'),
    )
    .innerJoin('person as t', (j) =>
      j.onRef('t.tenant_id', '=', 's.tenant_id').onRef('t.org_unit_id', '=', 's.school_unit_id'),
    )
    .select(['t.id as teacher_id', 'p.id as partnership_id'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.person_id', '=', coachPersonId)
    .where('p.starts_on', '<=', on)
    .where('p.ends_on', '>=', on)
    .where('t.category', '=', 'teacher');
  if (teacherIds) q = q.where('t.id', 'in', teacherIds);
  return q.execute();
}

/** Explicit assignments of this coach running on `on`. */
export function assignedCoachees(
  db: Kysely<DB>,
  tenantId: string,
  coachPersonId: string,
  on: string,
  teacherIds?: string[],
) {
  let q = db
    .selectFrom('coach_assignment')
    .select(['teacher_person_id as teacher_id', 'id as assignment_id'])
    .where('tenant_id', '=', tenantId)
    .where('coach_person_id', '=', coachPersonId)
    .where('starts_on', '<=', on)
    .where('ends_on', '>=', on);
  if (teacherIds) q = q.where('teacher_person_id', 'in', teacherIds);
  return q.execute();
}
