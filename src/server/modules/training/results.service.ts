import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { domainEvent } from '../../shared/events.ts';
import { nowIso } from '../../shared/ids.ts';
import * as assessment from '../assessment/assessment.service.ts';
import { requireOffering, requireRunner, requireScheduled, today } from './offerings.service.ts';
import { nameOf, toEnrolment, unitName } from './training.presenters.ts';
import * as repo from './training.repo.ts';
import type { AttendanceInput, ResultsInput } from './training.schemas.ts';

// ---------------------------------------------------------------- attendance and results

function requireSessionDay(offering: repo.OfferingRow, day: string, field: string) {
  const days = JSON.parse(offering.session_days) as string[];
  if (!days.includes(day))
    throw new AppError('session_day_outside_offering', `${day} is not a session day of this offering.`, {
      field,
      day,
      sessionDays: days,
    });
}

/** Enrolled (not waitlisted, not withdrawn) people of the offering, or the first who is not. */
async function requireEnrolled(ctx: Ctx, offering: repo.OfferingRow, personIds: string[]) {
  const rows = await repo.enrolmentsOfPeople(ctx.db, ctx.tenantId, offering.id, personIds);
  const enrolled = new Set(rows.filter((r) => r.status === 'enrolled').map((r) => r.person_id));
  const missing = personIds.filter((id) => !enrolled.has(id));
  if (missing.length)
    throw new AppError('not_enrolled', 'Someone named is not enrolled in this offering.', { personIds: missing });
  return rows;
}

export async function recordAttendance(ctx: Ctx, offeringId: string, input: AttendanceInput) {
  return inTransaction(ctx, async (tx) => {
    const offering = await requireOffering(tx, offeringId);
    await requireRunner(tx, offering);
    requireSessionDay(offering, input.day, 'body.day');
    await writeAttendance(
      tx,
      offering,
      input.records.map((r) => ({ personId: r.personId, day: input.day, present: r.present })),
    );
    return attendanceSheet(tx, offeringId);
  });
}

export async function writeAttendance(
  ctx: Ctx,
  offering: repo.OfferingRow,
  marks: { personId: string; day: string; present: boolean }[],
) {
  requireScheduled(offering);
  await requireEnrolled(ctx, offering, [...new Set(marks.map((m) => m.personId))]);
  const at = nowIso();
  await repo.putAttendance(
    ctx.db,
    marks.map((m) => ({
      tenant_id: ctx.tenantId,
      offering_id: offering.id,
      person_id: m.personId,
      day: m.day,
      present: m.present ? 1 : 0,
      recorded_at: at,
    })),
  );
  await recordAudit(ctx.db, ctx, 'attendance.record', { type: 'training_offering', id: offering.id }, null, marks);
}

export async function attendanceSheet(ctx: Ctx, offeringId: string) {
  const offering = await requireOffering(ctx, offeringId);
  await requireRunner(ctx, offering);
  const [rows, marks] = await Promise.all([
    repo.roster(ctx.db, ctx.tenantId, offeringId),
    repo.attendanceOf(ctx.db, ctx.tenantId, offeringId),
  ]);
  return {
    offeringId,
    days: JSON.parse(offering.session_days) as string[],
    rows: rows
      .filter((r) => r.status === 'enrolled')
      .map((r) => ({
        personId: r.person_id,
        personName: nameOf(r),
        nationalId: r.national_id,
        schoolName: unitName(ctx, r),
        present: Object.fromEntries(
          marks.filter((m) => m.person_id === r.person_id).map((m) => [m.day, m.present === 1]),
        ),
      })),
  };
}

/**
 * People completed an offering (in the results' transaction): monitoring counts training and CPD hours,
 * recognition re-evaluates rules that name the module or programme.
 */
export const trainingCompleted = domainEvent<{
  personIds: string[];
  offeringId: string;
  moduleId: string | null;
  programmeId: string | null;
  /** The module, or every module of the programme. */
  moduleIds: string[];
  hours: number;
  /** Each completion: whose, which enrolment, on what day. */
  completions: { personId: string; enrolmentId: string; completedOn: string }[];
  /** Who led the offering, in roster order. */
  trainerIds: string[];
  /** Months after completion at which completers are visited in class (the module's or programme's). */
  followThroughMonths: number[];
}>();

/** Share of session days a participant attends to complete the offering: the offering's own setting. */
export function attendanceThreshold(offering: repo.OfferingRow) {
  return Number(offering.attendance_threshold) / 100;
}

/**
 * Results wait for the training: nothing before the last session day, and a completion needs the
 * attendance threshold. The system (demo seeder, CLI) records training that ran before Pathway did,
 * with no attendance in Pathway, so it is not held to either. Throws offering_not_finished; returns
 * those completing below the threshold, with the numbers (the CSV import reports them by line).
 */
export async function checkResultsTiming(
  ctx: Ctx,
  offering: repo.OfferingRow,
  results: { personId: string; result: 'completed' | 'not_completed' }[],
) {
  if (ctx.actor.system || results.length === 0) return [];
  const days = JSON.parse(offering.session_days) as string[];
  const lastDay = days.at(-1) ?? offering.end_date;
  if (today() < lastDay)
    throw new AppError('offering_not_finished', 'Results are recorded after the offering’s last session day.', {
      lastSessionDay: lastDay,
      today: today(),
    });
  const completing = results.filter((r) => r.result === 'completed').map((r) => r.personId);
  if (completing.length === 0) return [];
  const threshold = attendanceThreshold(offering);
  const required = Math.ceil(threshold * days.length - 1e-9);
  const marks = await repo.attendanceOf(ctx.db, ctx.tenantId, offering.id);
  const sessionDays = new Set(days);
  return completing.flatMap((personId) => {
    const attended = marks.filter((m) => m.person_id === personId && m.present === 1 && sessionDays.has(m.day)).length;
    return attended >= required
      ? []
      : [{ personId, attendedDays: attended, sessionDays: days.length, requiredDays: required, threshold }];
  });
}

export interface ResultRow {
  personId: string;
  result: 'completed' | 'not_completed';
  score: number | null;
  completedOn?: string | undefined;
}

/**
 * Records results. A completion credits the offering's CPD hours and writes `training` events for
 * the outcomes of what was completed into the assessment ledger ("trained", never "confirmed").
 * A completion is final; recording the same completion again changes nothing.
 */
export async function writeResults(ctx: Ctx, offering: repo.OfferingRow, results: ResultRow[]) {
  requireScheduled(offering);
  // Without it, two recordings at once both find the enrolment not yet completed and both write events.
  await repo.lockOffering(ctx.db, ctx.tenantId, offering.id);
  const enrolments = await requireEnrolled(ctx, offering, [...new Set(results.map((r) => r.personId))]);
  const byPerson = new Map(enrolments.map((e) => [e.person_id, e]));
  const final = results.filter((r) => {
    const e = byPerson.get(r.personId)!;
    return e.result === 'completed' && (r.result !== 'completed' || r.score !== e.score);
  });
  if (final.length)
    throw new AppError('result_final', 'A completion is final and cannot be changed.', {
      personIds: final.map((r) => r.personId),
    });
  const fresh = results.filter((r) => byPerson.get(r.personId)!.result !== 'completed');
  const short = await checkResultsTiming(ctx, offering, fresh);
  if (short.length)
    throw new AppError('attendance_below_threshold', 'Too few session days attended to complete the offering.', {
      ...short[0]!,
      people: short,
    });
  const moduleIds = offering.module_id
    ? [offering.module_id]
    : (await repo.programmeModules(ctx.db, ctx.tenantId, [offering.programme_id!])).map((l) => l.module_id);
  const [outcomes, modules] = await Promise.all([
    repo.outcomesOf(ctx.db, ctx.tenantId, moduleIds),
    repo.modulesByIds(ctx.db, ctx.tenantId, moduleIds),
  ]);
  const frameworkOf = new Map(modules.map((m) => [m.id, m.framework_id]));
  const at = nowIso();
  const events: assessment.NewEvent[] = [];
  for (const r of fresh) {
    const e = byPerson.get(r.personId)!;
    const completed = r.result === 'completed';
    await repo.updateEnrolment(ctx.db, ctx.tenantId, e.id, {
      result: r.result,
      score: r.score,
      completed_on: completed ? (r.completedOn ?? offering.end_date) : null,
      cpd_hours: completed ? offering.hours : null,
      updated_at: at,
    });
    if (completed)
      for (const o of outcomes)
        events.push({
          personId: r.personId,
          frameworkId: frameworkOf.get(o.module_id)!,
          itemId: o.item_id,
          levelCode: o.level_code,
          kind: 'training',
          sourceType: 'training_offering',
          sourceId: e.id,
          comment: null,
        });
  }
  if (events.length) await assessment.recordEvents(ctx, events);
  const completed = fresh.filter((r) => r.result === 'completed');
  const completers = completed.map((r) => r.personId);
  await startAgreedPlans(ctx, completers, moduleIds);
  if (completers.length)
    await trainingCompleted.emit(ctx, {
      personIds: completers,
      offeringId: offering.id,
      moduleId: offering.module_id,
      programmeId: offering.programme_id,
      moduleIds,
      hours: Number(offering.hours),
      trainerIds: (await repo.trainersOf(ctx.db, ctx.tenantId, [offering.id])).map((t) => t.person_id),
      followThroughMonths: JSON.parse(
        offering.module_id
          ? (await repo.getModule(ctx.db, ctx.tenantId, offering.module_id))!.follow_through_months
          : (await repo.getProgramme(ctx.db, ctx.tenantId, offering.programme_id!))!.follow_through_months,
      ) as number[],
      completions: completed.map((r) => ({
        personId: r.personId,
        enrolmentId: byPerson.get(r.personId)!.id,
        completedOn: r.completedOn ?? offering.end_date,
      })),
    });
  await recordAudit(ctx.db, ctx, 'training_result.record', { type: 'training_offering', id: offering.id }, null, fresh);
}

/** An agreed plan becomes active when its teacher completes one of its modules. */
async function startAgreedPlans(ctx: Ctx, personIds: string[], moduleIds: string[]) {
  const agreed = await repo.plansOfPeople(ctx.db, ctx.tenantId, personIds, 'agreed');
  if (agreed.length === 0) return;
  const completed = new Set(moduleIds);
  const items = await repo.planItems(
    ctx.db,
    ctx.tenantId,
    agreed.map((p) => p.id),
  );
  const starting = new Set(items.filter((i) => i.module_id && completed.has(i.module_id)).map((i) => i.plan_id));
  for (const plan of agreed)
    if (starting.has(plan.id))
      await repo.movePlan(ctx.db, ctx.tenantId, plan.id, 'agreed', { status: 'active', updated_at: nowIso() });
}

export async function resultsSummary(ctx: Ctx, offeringId: string, attendanceMarks: number) {
  const rows = (await repo.roster(ctx.db, ctx.tenantId, offeringId)).map((r) => toEnrolment(ctx, r));
  return {
    offeringId,
    completed: rows.filter((r) => r.result === 'completed').length,
    notCompleted: rows.filter((r) => r.result === 'not_completed').length,
    attendanceMarks,
    enrolments: rows,
  };
}

export async function recordResults(ctx: Ctx, offeringId: string, input: ResultsInput) {
  return inTransaction(ctx, async (tx) => {
    const offering = await requireOffering(tx, offeringId);
    await requireRunner(tx, offering);
    await writeResults(tx, offering, input.results);
    return resultsSummary(tx, offeringId, 0);
  });
}

/**
 * The people who completed an offering this trainer led since a date, for the practice module's
 * follow-through: a trainer coaches those they trained. No scope check: callers decide what to show.
 */
export function completersLedBy(ctx: Ctx, trainerPersonId: string, since: string, personIds?: string[]) {
  return repo.completersLedBy(ctx.db, ctx.tenantId, trainerPersonId, since, personIds);
}
