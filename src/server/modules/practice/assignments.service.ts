import { hasPermissionAt, requirePermissionAt, requireScope, scopePaths } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import * as repo from './partnerships.repo.ts';
import { type Assignment, type CreateAssignmentInput, MAX_PARTNERSHIP_YEARS } from './partnerships.schemas.ts';
import { addYears, periodStatus, personName } from './partnerships.service.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.getAssignment>>>;

function toAssignment(row: Row): Assignment {
  return {
    id: row.id,
    coach: { personId: row.coach_id, name: personName({ given_name: row.coach_given, family_name: row.coach_family }) },
    teacher: {
      personId: row.teacher_id,
      name: personName({ given_name: row.teacher_given, family_name: row.teacher_family }),
    },
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: periodStatus(row.starts_on, row.ends_on),
    createdAt: row.created_at,
  };
}

/**
 * Names a coach for a teacher outside partnerships and training (a peer teacher, say): set by
 * someone who manages practice over the teacher (their school's leader, an officer above). The coach
 * may be anyone of the tenant; coachLinks then reaches the teacher for the assignment's days.
 */
export async function assignCoach(ctx: Ctx, input: CreateAssignmentInput): Promise<Assignment> {
  if (!ctx.actor.system) requireScope(ctx, 'practice.manage');
  const fault = (
    code:
      | 'assignment_dates_invalid'
      | 'person_not_found'
      | 'not_a_teacher'
      | 'coach_same_as_teacher'
      | 'coach_assignment_exists',
    field: string,
    message: string,
    details: Record<string, unknown> = {},
  ) => new AppError(code, message, { field: `body.${field}`, ...details });
  if (input.endsOn < input.startsOn)
    throw fault('assignment_dates_invalid', 'endsOn', 'An assignment ends on or after the day it starts.');
  if (input.endsOn > addYears(input.startsOn, MAX_PARTNERSHIP_YEARS))
    throw fault(
      'assignment_dates_invalid',
      'endsOn',
      `An assignment runs for at most ${MAX_PARTNERSHIP_YEARS} years.`,
      {
        maxYears: MAX_PARTNERSHIP_YEARS,
      },
    );
  const id = await inTransaction(ctx, async (tx) => {
    const people = await repo.peopleByIds(tx.db, tx.tenantId, [input.teacherPersonId, input.coachPersonId]);
    const teacher = people.find((p) => p.id === input.teacherPersonId);
    const readable = (path: string) =>
      tx.actor.system || hasPermissionAt(tx, 'people.read', path) || hasPermissionAt(tx, 'practice.manage', path);
    if (!teacher || !readable(teacher.org_path))
      throw fault('person_not_found', 'teacherPersonId', 'No such teacher in your area.', {
        id: input.teacherPersonId,
      });
    if (!tx.actor.system) requirePermissionAt(tx, 'practice.manage', teacher.org_path);
    if (teacher.category !== 'teacher')
      throw fault('not_a_teacher', 'teacherPersonId', 'A coach is assigned to a teacher.', {
        category: teacher.category,
      });
    const coach = people.find((p) => p.id === input.coachPersonId);
    if (!coach) throw fault('person_not_found', 'coachPersonId', 'No such person.', { id: input.coachPersonId });
    if (coach.id === teacher.id)
      throw fault('coach_same_as_teacher', 'coachPersonId', 'A teacher is not their own coach.');
    const clashes = await repo.overlappingAssignments(
      tx.db,
      tx.tenantId,
      coach.id,
      teacher.id,
      input.startsOn,
      input.endsOn,
    );
    if (clashes.length)
      throw fault(
        'coach_assignment_exists',
        'startsOn',
        'This coach is already assigned to this teacher over these days.',
        {
          assignmentIds: clashes.map((c) => c.id),
        },
      );
    const row = {
      tenant_id: tx.tenantId,
      id: newId(),
      coach_person_id: coach.id,
      teacher_person_id: teacher.id,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      created_by_account_id: tx.actor.accountId,
      created_at: nowIso(),
    };
    await repo.insertAssignment(tx.db, row);
    await recordAudit(tx.db, tx, 'coach_assignment.create', { type: 'coach_assignment', id: row.id }, null, {
      coachPersonId: row.coach_person_id,
      teacherPersonId: row.teacher_person_id,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
    });
    return row.id;
  });
  return toAssignment((await repo.getAssignment(ctx.db, ctx.tenantId, id))!);
}

/** Assignments where the actor is the coach or the teacher, and those of teachers they manage. */
export async function listAssignments(ctx: Ctx, query: { personId?: string | undefined }): Promise<Assignment[]> {
  const rows = await repo.listAssignments(
    ctx.db,
    ctx.tenantId,
    { personId: ctx.actor.personId, roots: ctx.actor.system ? ['/'] : scopePaths(ctx, 'practice.manage') },
    query.personId,
    500,
  );
  return rows.map(toAssignment);
}
