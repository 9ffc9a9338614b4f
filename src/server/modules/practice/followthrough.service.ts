import { hasPermissionAt } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso, todayIso } from '../../shared/ids.ts';
import { resolveText } from '../../shared/text.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import type { trainingCompleted } from '../training/results.service.ts';
import { addMonths } from './coaching.links.ts';
import * as repo from './followthrough.repo.ts';
import type { RecordVisitInput, Visit } from './followthrough.schemas.ts';
import { practiceChanged } from './practice.changes.ts';

type Completed = Parameters<Parameters<typeof trainingCompleted.on>[0]>[1];

/**
 * A completed offering schedules a visit in class for each completer at each interval of its module
 * or programme, in the completion's transaction. The coach is a coach of a partnership running with
 * the teacher's school on the completion day, else the offering's first trainer.
 */
export async function scheduleFollowThrough(ctx: Ctx, completed: Completed) {
  if (completed.followThroughMonths.length === 0 || completed.completions.length === 0) return;
  const placements = new Map(
    (
      await people.placementsOf(
        ctx,
        completed.completions.map((c) => c.personId),
      )
    ).map((p) => [p.id, p]),
  );
  const at = nowIso();
  const rows: Parameters<typeof repo.insertVisits>[1] = [];
  for (const c of completed.completions) {
    const school = placements.get(c.personId)?.org_unit_id;
    const partners = school ? await repo.partnershipCoachesOf(ctx.db, ctx.tenantId, [school], c.completedOn) : [];
    const coach = partners.find((p) => p.person_id !== c.personId)?.person_id ?? completed.trainerIds[0];
    if (!coach) continue;
    for (const months of completed.followThroughMonths)
      rows.push({
        tenant_id: ctx.tenantId,
        id: newId(),
        enrolment_id: c.enrolmentId,
        offering_id: completed.offeringId,
        teacher_person_id: c.personId,
        coach_person_id: coach,
        months_after: months,
        due_on: addMonths(c.completedOn, months),
        status: 'due',
        visited_on: null,
        applied: null,
        how: null,
        cycle_id: null,
        created_at: at,
        updated_at: at,
      });
  }
  await repo.insertVisits(ctx.db, rows);
}

function toVisit(ctx: Ctx, row: NonNullable<repo.VisitView>, today: string): Visit {
  const text = (json: string) => resolveText(JSON.parse(json), ctx.locale, ctx.defaultLocale).text;
  return {
    id: row.id,
    enrolmentId: row.enrolment_id,
    offeringId: row.offering_id,
    offeringTitle: text(row.offering_title),
    teacher: {
      id: row.teacher_person_id,
      name: `${row.teacher_given} ${row.teacher_family}`,
      schoolId: row.school_id,
      schoolName: text(row.school_name),
    },
    coach: { id: row.coach_person_id, name: `${row.coach_given} ${row.coach_family}` },
    monthsAfter: Number(row.months_after),
    dueOn: row.due_on,
    status: row.status as Visit['status'],
    overdue: row.status === 'due' && row.due_on < today,
    visitedOn: row.visited_on,
    applied: row.applied as Visit['applied'],
    how: row.how,
    cycleId: row.cycle_id,
  };
}

/** The actor's own follow-through visits as a coach. */
export async function myVisits(ctx: Ctx, status: 'due' | 'done') {
  const today = todayIso();
  if (!ctx.actor.personId) return { items: [], today };
  const rows = await repo.visitsOfCoach(ctx.db, ctx.tenantId, ctx.actor.personId, status);
  return { items: rows.map((r) => toVisit(ctx, r, today)), today };
}

/**
 * Follow-through of the teachers under a unit, for those who answer for it: officers and leaders
 * (reports.read) and those who manage practice there. Overdue first is what a district acts on.
 * What the coach saw in class (applied, how) is for those who read teachers' assessment there (the
 * school leader); officers see the schedule and whether each visit was made.
 */
export async function visitsUnderUnit(
  ctx: Ctx,
  unitId: string,
  filter: { status: 'overdue' | 'due' | 'done'; limit: number },
) {
  const unit = await org.requireUnit(ctx, unitId, 'org.read');
  if (!hasPermissionAt(ctx, 'reports.read', unit.path) && !hasPermissionAt(ctx, 'practice.manage', unit.path))
    throw notFound('org_unit', unitId);
  const today = todayIso();
  const rows = await repo.visitsUnder(ctx.db, ctx.tenantId, [unit.path], { ...filter, today });
  const seesOutcome = hasPermissionAt(ctx, 'assessment.read', unit.path);
  const items = rows.map((r) => toVisit(ctx, r, today));
  return { items: seesOutcome ? items : items.map((v) => ({ ...v, applied: null, how: null })), today };
}

/**
 * The coach records the visit: whether and how the training is applied in class. Once only; the date
 * is not in the future and not before the training was completed.
 */
export async function recordVisit(ctx: Ctx, visitId: string, input: RecordVisitInput): Promise<Visit> {
  const today = todayIso();
  const found = await repo.getVisit(ctx.db, ctx.tenantId, visitId);
  if (!found || found.coach_person_id !== ctx.actor.personId) throw notFound('visit', visitId);
  const completedOn = addMonths(found.due_on, -Number(found.months_after));
  if (input.visitedOn > today || input.visitedOn < completedOn)
    throw new AppError(
      'visit_date_invalid',
      `A visit is recorded on a day between the completion (${completedOn}) and today (${today}).`,
      { field: 'body.visitedOn', from: completedOn, to: today },
    );
  return inTransaction(ctx, async (tx) => {
    const recorded = await repo.recordVisit(tx.db, tx.tenantId, visitId, {
      status: 'done',
      visited_on: input.visitedOn,
      applied: input.applied,
      how: input.how,
      updated_at: nowIso(),
    });
    if (!recorded) throw new AppError('visit_recorded', 'This visit was recorded already.', { visitId });
    await recordAudit(tx.db, tx, 'follow_through.record', { type: 'follow_through_visit', id: visitId }, null, input);
    await practiceChanged.emit(tx, { personIds: [found.teacher_person_id], sources: ['follow_through'] });
    return toVisit(tx, (await repo.getVisit(tx.db, tx.tenantId, visitId))!, today);
  });
}
