import type { Updateable } from 'kysely';
import type { LessonObservationTable } from '../../db/schema.ts';
import { hasPermissionAt } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { readInBatches } from '../../shared/batches.ts';
import { type Ctx, gatheringUpkeep, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso, todayIso } from '../../shared/ids.ts';
import { resolveText } from '../../shared/text.ts';
import { recordEvents } from '../assessment/assessment.service.ts';
import {
  loadStandard,
  requireAssessable,
  requireCompetency,
  requireLevel,
  type Standard,
} from '../assessment/assessment.standard.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import { addMonths, coachLinks, requireCoachOf } from './coaching.links.ts';
import * as repo from './cycles.repo.ts';
import type {
  CreateCycleInput,
  Cycle,
  LessonObservation,
  ObservationPatch,
  UpdatePlanInput,
} from './cycles.schemas.ts';
import * as visits from './followthrough.repo.ts';
import { practiceChanged } from './practice.changes.ts';
import { CYCLE_TERM_MONTHS, type CycleStatus } from './practice.constants.ts';

const OPEN: readonly CycleStatus[] = ['planned', 'observed', 'reflected', 'followed_up'];
type Viewer = Cycle['viewer'];

const nameOf = (given: string, family: string) => `${given} ${family}`.trim();
const parse = <T>(json: string | null): T => JSON.parse(json ?? '[]') as T;

// ---- reading -------------------------------------------------------------------------------------

function presentObservation(row: repo.LessonObservationRow, viewer: Viewer): LessonObservation {
  return {
    id: row.id,
    cycleId: row.cycle_id,
    teacherId: row.teacher_person_id,
    observerId: row.observer_person_id,
    lessonDate: row.lesson_date,
    subject: row.subject,
    grade: row.grade,
    ictUsers: parse(row.ict_users),
    ictPurposes: parse(row.ict_purposes),
    studentCentredness: row.student_centredness,
    ictTimeShare: row.ict_time_share,
    studentProducts: row.student_products,
    notes: viewer === 'leader' ? null : row.notes,
    ratings: parse(row.ratings),
    status: row.status as LessonObservation['status'],
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}

function presentCycle(
  ctx: Ctx,
  row: repo.CycleWithPeople,
  viewer: Viewer,
  observations: repo.LessonObservationRow[],
): Cycle {
  // A draft is the coach's work in progress; others see the observation once it is submitted.
  const observation =
    observations.find((o) => o.status === 'submitted') ??
    (viewer === 'coach' ? observations.find((o) => o.status === 'draft') : undefined);
  const shared = row.reflection_shared === 1;
  const hidden = viewer === 'leader' && !shared;
  return {
    id: row.id,
    coach: { id: row.coach_person_id, name: nameOf(row.coach_given, row.coach_family) },
    teacher: {
      id: row.teacher_person_id,
      name: nameOf(row.teacher_given, row.teacher_family),
      schoolId: row.school_id,
      schoolName: resolveText(JSON.parse(row.school_name), ctx.locale, ctx.defaultLocale).text,
    },
    designId: row.design_id,
    frameworkId: row.framework_id,
    focusItemIds: parse(row.focus_item_ids),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    lessonDate: row.lesson_date,
    status: row.status as CycleStatus,
    viewer,
    planNotes: viewer === 'leader' ? null : row.plan_notes,
    strengths: hidden ? null : row.strengths,
    nextSteps: hidden ? null : row.next_steps,
    teacherReflection: hidden ? null : row.teacher_reflection,
    reflectionShared: shared,
    reflectionHidden: hidden,
    followUpOn: row.follow_up_on,
    followUpNotes: hidden ? null : row.follow_up_notes,
    observation: observation ? presentObservation(observation, viewer) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * How the actor sees a cycle: its coach, its teacher, or someone who reads the teacher's assessment
 * (a school leader). Anyone else: not found.
 */
function viewerOf(ctx: Ctx, row: repo.CycleWithPeople): Viewer | null {
  const me = ctx.actor.personId;
  if (me && row.coach_person_id === me) return 'coach';
  if (me && row.teacher_person_id === me) return 'teacher';
  if (hasPermissionAt(ctx, 'assessment.read', row.teacher_path)) return 'leader';
  return null;
}

async function readCycle(ctx: Ctx, id: string) {
  const row = await repo.getCycle(ctx.db, ctx.tenantId, id);
  const viewer = row ? viewerOf(ctx, row) : null;
  if (!row || !viewer) throw notFound('coaching_cycle', id);
  return { row, viewer };
}

export async function getCycle(ctx: Ctx, id: string): Promise<Cycle> {
  const { row, viewer } = await readCycle(ctx, id);
  return presentCycle(ctx, row, viewer, await repo.observationsOfCycles(ctx.db, ctx.tenantId, [id]));
}

async function presentMany(ctx: Ctx, rows: repo.CycleWithPeople[]) {
  const observations = await readInBatches(
    rows.map((r) => r.id),
    (ids) => repo.observationsOfCycles(ctx.db, ctx.tenantId, ids),
  );
  const byCycle = new Map<string, repo.LessonObservationRow[]>();
  for (const o of observations) byCycle.set(o.cycle_id!, [...(byCycle.get(o.cycle_id!) ?? []), o]);
  return rows.flatMap((r) => {
    const viewer = viewerOf(ctx, r);
    return viewer ? [presentCycle(ctx, r, viewer, byCycle.get(r.id) ?? [])] : [];
  });
}

/**
 * With a unit: the cycles of the teachers there, for whoever reads their assessment (a leader sees
 * status and the observation, not the reflection unless it is shared). Without: the actor's own
 * cycles, as coach and as teacher.
 */
export async function listCycles(ctx: Ctx, query: { unitId?: string; open?: boolean }) {
  if (query.unitId) {
    const unit = await org.requireUnit(ctx, query.unitId, 'assessment.read');
    const rows = await repo.listCycles(ctx.db, ctx.tenantId, { teacherPaths: [unit.path], open: query.open });
    return { items: await presentMany(ctx, rows) };
  }
  const me = ctx.actor.personId;
  if (!me) return { items: [] };
  const rows = await repo.listCycles(ctx.db, ctx.tenantId, { personId: me, open: query.open });
  return { items: await presentMany(ctx, rows) };
}

// ---- planning ------------------------------------------------------------------------------------

function requireLessonDate(lessonDate: string, today: string, field: string) {
  const latest = addMonths(today, CYCLE_TERM_MONTHS);
  if (lessonDate < today || lessonDate > latest)
    throw new AppError('lesson_date_invalid', `The lesson falls between ${today} and ${latest}.`, {
      field,
      lessonDate,
      earliest: today,
      latest,
    });
}

async function requireFocus(ctx: Ctx, focusItemIds: string[]) {
  const standard = await loadStandard(ctx);
  requireAssessable(standard, true);
  const ids = [...new Set(focusItemIds)];
  for (const id of ids) requireCompetency(standard, id, 'body.focusItemIds');
  return { frameworkId: standard.framework.id, ids };
}

/**
 * A design the lesson uses must exist and be the teacher's (author or co-author). Kept this small on
 * purpose: designs are their own module, and a cycle names one only by id.
 */
async function requireTeachersDesign(ctx: Ctx, designId: string, teacherId: string) {
  const design = await repo.designAuthors(ctx.db, ctx.tenantId, designId);
  if (!design || (design.author_person_id !== teacherId && design.co_author_person_id !== teacherId))
    throw new AppError('design_not_found', `The teacher has no activity design ${designId}.`, {
      id: designId,
      field: 'body.designId',
    });
}

/** Links the recorded follow-through visit the cycle starts from; refused when it is not this coach's or taken. */
async function startedFromVisit(ctx: Ctx, visitId: string, teacherId: string, cycleId: string) {
  const visit = { id: visitId, coachId: ctx.actor.personId!, teacherId };
  if (await visits.linkCycle(ctx.db, ctx.tenantId, visit, cycleId)) return;
  const found = await visits.getVisit(ctx.db, ctx.tenantId, visitId);
  if (!found || found.coach_person_id !== visit.coachId || found.teacher_person_id !== teacherId)
    throw new AppError('visit_not_found', `You have no follow-through visit ${visitId} with this teacher.`, {
      id: visitId,
      field: 'body.followThroughVisitId',
    });
  if (found.status !== 'done')
    throw new AppError('visit_not_recorded', 'Record the follow-through visit before starting a cycle from it.', {
      id: visitId,
    });
  throw new AppError('visit_has_cycle', 'A coaching cycle was already started from this visit.', {
    id: visitId,
    cycleId: found.cycle_id,
  });
}

/** The coach plans a cycle with a teacher they coach: the lesson, focus competencies, a design. */
export async function createCycle(ctx: Ctx, input: CreateCycleInput, today = todayIso()): Promise<Cycle> {
  requireLessonDate(input.lessonDate, today, 'body.lessonDate');
  const focus = await requireFocus(ctx, input.focusItemIds);
  const coachId = ctx.actor.personId;
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    await requireCoachOf(tx, input.teacherId, today);
    if (input.designId) await requireTeachersDesign(tx, input.designId, input.teacherId);
    // Two plans for the same pair at once must not both see "no open cycle".
    await people.lockPeople(tx, [input.teacherId]);
    const open = await repo.openCycleOf(tx.db, tx.tenantId, coachId!, input.teacherId);
    if (open)
      throw new AppError('cycle_overlaps', 'You already have an open cycle with this teacher; close it first.', {
        cycleId: open.id,
        status: open.status,
      });
    const at = nowIso();
    const row = {
      tenant_id: tx.tenantId,
      id,
      coach_person_id: coachId!,
      teacher_person_id: input.teacherId,
      design_id: input.designId ?? null,
      framework_id: focus.frameworkId,
      focus_item_ids: JSON.stringify(focus.ids),
      starts_on: today,
      ends_on: addMonths(today, CYCLE_TERM_MONTHS),
      lesson_date: input.lessonDate,
      status: 'planned',
      plan_notes: input.planNotes,
      created_at: at,
      updated_at: at,
    };
    await repo.insertCycle(tx.db, row);
    if (input.followThroughVisitId) await startedFromVisit(tx, input.followThroughVisitId, input.teacherId, id);
    await recordAudit(tx.db, tx, 'coaching_cycle.plan', { type: 'coaching_cycle', id }, null, row);
    await practiceChanged.emit(tx, { personIds: [input.teacherId], sources: ['cycle'] });
  });
  return getCycle(ctx, id);
}

/** A cycle the actor coaches and may still act on, at one of `stages`; refusals are coded. */
async function requireCoachAction(ctx: Ctx, id: string, stages: readonly CycleStatus[], today: string) {
  const { row, viewer } = await readCycle(ctx, id);
  if (viewer !== 'coach') throw new AppError('forbidden', "Only the cycle's coach can do this.", { id });
  await requireCoachOf(ctx, row.teacher_person_id, today);
  requireStage(row, stages);
  return row;
}

function requireStage(row: { id: string; status: string }, stages: readonly string[]) {
  if (row.status === 'closed') throw new AppError('cycle_not_open', 'This coaching cycle is closed.', { id: row.id });
  if (!stages.includes(row.status))
    throw new AppError('cycle_stage_invalid', `This step is for a cycle that is ${stages.join(' or ')}.`, {
      id: row.id,
      status: row.status,
      expected: stages,
    });
}

/** A stage write that lost a race (another request moved the cycle meanwhile). */
function movedMeanwhile(id: string): never {
  throw new AppError('cycle_stage_invalid', 'The cycle moved on meanwhile; reload it.', { id });
}

/** The coach changes the plan (the lesson date, the focus, the design) before the lesson is observed. */
export async function updatePlan(ctx: Ctx, id: string, input: UpdatePlanInput, today = todayIso()): Promise<Cycle> {
  const row = await requireCoachAction(ctx, id, ['planned'], today);
  if (input.lessonDate) requireLessonDate(input.lessonDate, today, 'body.lessonDate');
  const focus = input.focusItemIds ? await requireFocus(ctx, input.focusItemIds) : null;
  if (input.designId) await requireTeachersDesign(ctx, input.designId, row.teacher_person_id);
  const patch = {
    ...(input.lessonDate ? { lesson_date: input.lessonDate } : {}),
    ...(focus ? { framework_id: focus.frameworkId, focus_item_ids: JSON.stringify(focus.ids) } : {}),
    ...(input.planNotes !== undefined ? { plan_notes: input.planNotes } : {}),
    ...(input.designId !== undefined ? { design_id: input.designId } : {}),
    updated_at: nowIso(),
  };
  await inTransaction(ctx, async (tx) => {
    if (!(await repo.updateCycle(tx.db, tx.tenantId, id, ['planned'], patch))) movedMeanwhile(id);
    await recordAudit(tx.db, tx, 'coaching_cycle.replan', { type: 'coaching_cycle', id }, row, patch);
  });
  return getCycle(ctx, id);
}

// ---- observing -----------------------------------------------------------------------------------

/**
 * The coach starts observing on the lesson day (a draft), or resumes the draft already begun. A
 * lesson is recorded the day it is taught: another day is refused, and a moved lesson is re-planned.
 */
export async function startObservation(ctx: Ctx, cycleId: string, today = todayIso()): Promise<LessonObservation> {
  const cycle = await requireCoachAction(ctx, cycleId, ['planned'], today);
  const existing = (await repo.observationsOfCycles(ctx.db, ctx.tenantId, [cycleId])).find((o) => o.status === 'draft');
  if (existing) return presentObservation(existing, 'coach');
  if (cycle.lesson_date !== today)
    throw new AppError('lesson_date_invalid', 'A lesson is observed on its day; change the plan if it moved.', {
      field: 'lessonDate',
      lessonDate: cycle.lesson_date,
      today,
    });
  return inTransaction(ctx, async (tx) => {
    // Taking the cycle's row first serialises two starts of the same lesson.
    if (!(await repo.updateCycle(tx.db, tx.tenantId, cycleId, ['planned'], { updated_at: nowIso() })))
      movedMeanwhile(cycleId);
    const raced = (await repo.observationsOfCycles(tx.db, tx.tenantId, [cycleId])).find((o) => o.status === 'draft');
    if (raced) return presentObservation(raced, 'coach');
    const at = nowIso();
    const row = {
      tenant_id: tx.tenantId,
      id: newId(),
      cycle_id: cycleId,
      teacher_person_id: cycle.teacher_person_id,
      observer_person_id: cycle.coach_person_id,
      lesson_date: today,
      subject: null,
      grade: null,
      ict_users: '[]',
      ict_purposes: '[]',
      student_centredness: null,
      ict_time_share: null,
      student_products: null,
      notes: null,
      ratings: '[]',
      status: 'draft',
      assessment_observation_id: null,
      created_at: at,
      updated_at: at,
      submitted_at: null,
    };
    await repo.insertObservation(tx.db, row);
    await recordAudit(tx.db, tx, 'lesson_observation.start', { type: 'lesson_observation', id: row.id }, null, row);
    return presentObservation(row, 'coach');
  });
}

/** An observation and how the actor sees it: its observer, its teacher (once submitted), or a leader (once submitted). */
async function readObservation(ctx: Ctx, id: string) {
  const row = await repo.getObservation(ctx.db, ctx.tenantId, id);
  if (row) {
    const me = ctx.actor.personId;
    if (me && row.observer_person_id === me) return { row, viewer: 'coach' as Viewer };
    if (row.status === 'submitted') {
      if (me && row.teacher_person_id === me) return { row, viewer: 'teacher' as Viewer };
      const [teacher] = await people.placementsOf(ctx, [row.teacher_person_id]);
      if (teacher && hasPermissionAt(ctx, 'assessment.read', teacher.org_path))
        return { row, viewer: 'leader' as Viewer };
    }
  }
  throw notFound('lesson_observation', id);
}

export async function getObservation(ctx: Ctx, id: string): Promise<LessonObservation> {
  const { row, viewer } = await readObservation(ctx, id);
  return presentObservation(row, viewer);
}

async function requireDraftOfMine(ctx: Ctx, id: string, today: string) {
  const { row, viewer } = await readObservation(ctx, id);
  if (viewer !== 'coach') throw new AppError('forbidden', 'Only the observer records the observation.', { id });
  if (row.status !== 'draft')
    throw new AppError('observation_submitted', 'This observation is submitted and no longer changes.', { id });
  await requireCoachOf(ctx, row.teacher_person_id, today);
  return row;
}

async function standardOfCycle(ctx: Ctx, cycleId: string | null) {
  const cycle = cycleId ? await repo.getCycle(ctx.db, ctx.tenantId, cycleId) : undefined;
  if (!cycle) throw notFound('coaching_cycle', cycleId ?? '');
  const standard = await loadStandard(ctx, cycle.framework_id);
  // Recorded against the version the cycle was planned on; late evidence is carried into the current one.
  requireAssessable(standard, false);
  return { cycle, standard };
}

function checkRatings(standard: Standard, ratings: { itemId: string; levelCode: string }[]) {
  const seen = new Set<string>();
  return ratings.map((r, i) => {
    requireCompetency(standard, r.itemId, `body.ratings.${i}.itemId`);
    if (seen.has(r.itemId))
      throw new AppError('validation_failed', 'A competency is rated once.', {
        issues: [{ path: `body.ratings.${i}.itemId`, message: 'Rated twice.' }],
      });
    seen.add(r.itemId);
    requireLevel(standard, r.levelCode, `body.ratings.${i}.levelCode`);
    return { itemId: r.itemId, levelCode: r.levelCode };
  });
}

/** Saves the fields given, as the coach goes; saving the same again changes nothing. Answers the saved state. */
export async function saveObservation(
  ctx: Ctx,
  id: string,
  patch: ObservationPatch,
  today = todayIso(),
): Promise<LessonObservation> {
  const row = await requireDraftOfMine(ctx, id, today);
  const set: Updateable<LessonObservationTable> = {};
  if (patch.subject !== undefined) set.subject = patch.subject || null;
  if (patch.grade !== undefined) set.grade = patch.grade || null;
  if (patch.ictUsers !== undefined) set.ict_users = JSON.stringify([...new Set(patch.ictUsers)]);
  if (patch.ictPurposes !== undefined) set.ict_purposes = JSON.stringify([...new Set(patch.ictPurposes)]);
  if (patch.studentCentredness !== undefined) set.student_centredness = patch.studentCentredness;
  if (patch.ictTimeShare !== undefined) set.ict_time_share = patch.ictTimeShare;
  if (patch.studentProducts !== undefined) set.student_products = patch.studentProducts || null;
  if (patch.notes !== undefined) set.notes = patch.notes || null;
  if (patch.ratings !== undefined) {
    const { standard } = await standardOfCycle(ctx, row.cycle_id);
    set.ratings = JSON.stringify(checkRatings(standard, patch.ratings));
  }
  const changed = Object.fromEntries(
    Object.entries(set).filter(([k, v]) => row[k as keyof typeof row] !== v),
  ) as Updateable<LessonObservationTable>;
  if (Object.keys(changed).length === 0) return presentObservation(row, 'coach');
  await inTransaction(ctx, async (tx) => {
    if (!(await repo.updateDraft(tx.db, tx.tenantId, id, { ...changed, updated_at: nowIso() })))
      throw new AppError('observation_submitted', 'This observation is submitted and no longer changes.', { id });
    const before = Object.fromEntries(Object.keys(changed).map((k) => [k, row[k as keyof typeof row]]));
    await recordAudit(tx.db, tx, 'lesson_observation.save', { type: 'lesson_observation', id }, before, changed);
  });
  return getObservation(ctx, id);
}

/** What the instrument still lacks before it can be submitted, by field. */
function missingOf(row: repo.LessonObservationRow, focusItemIds: string[]): string[] {
  const users = parse<string[]>(row.ict_users);
  const purposes = parse<string[]>(row.ict_purposes);
  const rated = new Set(parse<{ itemId: string }[]>(row.ratings).map((r) => r.itemId));
  const missing: string[] = [];
  if (row.student_centredness === null) missing.push('studentCentredness');
  if (row.ict_time_share === null) missing.push('ictTimeShare');
  // ICT in use needs someone using it for something; no ICT at all is a share of 0.
  if ((row.ict_time_share ?? 0) > 0 && users.length === 0) missing.push('ictUsers');
  if (users.length > 0 && purposes.length === 0) missing.push('ictPurposes');
  if (!row.student_products) missing.push('studentProducts');
  for (const itemId of focusItemIds) if (!rated.has(itemId)) missing.push(`ratings.${itemId}`);
  return missing;
}

/**
 * Submits the observation: the whole instrument is checked, then in one transaction it is marked
 * submitted, the cycle moves to observed, and each rating becomes an observation event in the
 * ledger (so confirmed levels, aggregates and recognition follow).
 */
export async function submitObservation(ctx: Ctx, id: string, today = todayIso()): Promise<LessonObservation> {
  const row = await requireDraftOfMine(ctx, id, today);
  const { cycle, standard } = await standardOfCycle(ctx, row.cycle_id);
  const missing = missingOf(row, parse(cycle.focus_item_ids));
  if (missing.length > 0)
    throw new AppError('observation_incomplete', 'Some of the instrument is not filled in yet.', { id, missing });
  const ratings = checkRatings(standard, parse(row.ratings));
  // The ratings and the practice both refresh the teacher's facts: gathered, they are read once.
  await gatheringUpkeep(ctx, async (tx) => {
    const at = nowIso();
    if (!(await repo.updateDraft(tx.db, tx.tenantId, id, { status: 'submitted', submitted_at: at, updated_at: at })))
      throw new AppError('observation_submitted', 'This observation is already submitted.', { id });
    if (
      !(await repo.updateCycle(tx.db, tx.tenantId, cycle.id, ['planned'], {
        status: 'observed',
        lesson_date: row.lesson_date,
        updated_at: at,
      }))
    )
      movedMeanwhile(cycle.id);
    await recordEvents(
      tx,
      ratings.map((r) => ({
        personId: row.teacher_person_id,
        frameworkId: cycle.framework_id,
        itemId: r.itemId,
        levelCode: requireLevel(standard, r.levelCode, 'ratings'),
        kind: 'observation' as const,
        sourceType: 'lesson_observation',
        sourceId: id,
      })),
    );
    await recordAudit(tx.db, tx, 'lesson_observation.submit', { type: 'lesson_observation', id }, null, {
      cycleId: cycle.id,
      ratings,
    });
    // The cycle moves from planned to observed: still open, so `in_cycle` stays as it was.
    await practiceChanged.emit(tx, { personIds: [row.teacher_person_id], sources: ['observed'] });
  });
  return getObservation(ctx, id);
}

// ---- reflecting and following up -------------------------------------------------------------------

// The reflection stage's words are the teacher's and the coach's: the audit log keeps that they
// changed (and whether the reflection is shared), not what they say.

/** The coach writes the agreed strengths and next steps after the lesson. */
export async function coachReflection(
  ctx: Ctx,
  id: string,
  input: { strengths: string; nextSteps: string },
  today = todayIso(),
): Promise<Cycle> {
  await requireCoachAction(ctx, id, ['observed', 'reflected'], today);
  await inTransaction(ctx, async (tx) => {
    const ok = await repo.updateCycle(tx.db, tx.tenantId, id, ['observed', 'reflected'], {
      strengths: input.strengths,
      next_steps: input.nextSteps,
      status: 'reflected',
      updated_at: nowIso(),
    });
    if (!ok) movedMeanwhile(id);
    await recordAudit(tx.db, tx, 'coaching_cycle.reflect', { type: 'coaching_cycle', id }, null, {
      fields: ['strengths', 'next_steps'],
    });
  });
  return getCycle(ctx, id);
}

/** The teacher writes their own reflection once the lesson is observed, and chooses whether to share it. */
export async function teacherReflection(
  ctx: Ctx,
  id: string,
  input: { reflection: string; shared: boolean },
): Promise<Cycle> {
  const { row, viewer } = await readCycle(ctx, id);
  if (viewer !== 'teacher') throw new AppError('forbidden', 'Only the teacher writes their reflection.', { id });
  const stages: CycleStatus[] = ['observed', 'reflected', 'followed_up'];
  requireStage(row, stages);
  await inTransaction(ctx, async (tx) => {
    const ok = await repo.updateCycle(tx.db, tx.tenantId, id, stages, {
      teacher_reflection: input.reflection || null,
      reflection_shared: input.shared ? 1 : 0,
      updated_at: nowIso(),
    });
    if (!ok) movedMeanwhile(id);
    await recordAudit(
      tx.db,
      tx,
      'coaching_cycle.teacher_reflect',
      { type: 'coaching_cycle', id },
      { shared: row.reflection_shared === 1 },
      { shared: input.shared },
    );
  });
  return getCycle(ctx, id);
}

/** The coach records the follow-up: when, and what came of the next steps. */
export async function followUp(
  ctx: Ctx,
  id: string,
  input: { followUpOn: string; notes: string },
  today = todayIso(),
): Promise<Cycle> {
  const row = await requireCoachAction(ctx, id, ['reflected', 'followed_up'], today);
  const latest = addMonths(row.lesson_date, CYCLE_TERM_MONTHS);
  if (input.followUpOn < row.lesson_date || input.followUpOn > latest)
    throw new AppError('follow_up_date_invalid', `The follow-up falls between ${row.lesson_date} and ${latest}.`, {
      field: 'body.followUpOn',
      earliest: row.lesson_date,
      latest,
    });
  await inTransaction(ctx, async (tx) => {
    const ok = await repo.updateCycle(tx.db, tx.tenantId, id, ['reflected', 'followed_up'], {
      follow_up_on: input.followUpOn,
      follow_up_notes: input.notes,
      status: 'followed_up',
      updated_at: nowIso(),
    });
    if (!ok) movedMeanwhile(id);
    await recordAudit(tx.db, tx, 'coaching_cycle.follow_up', { type: 'coaching_cycle', id }, null, {
      followUpOn: input.followUpOn,
    });
  });
  return getCycle(ctx, id);
}

/** The coach closes the cycle: after the follow-up, or early from any stage. */
export async function closeCycle(ctx: Ctx, id: string, today = todayIso()): Promise<Cycle> {
  const row = await requireCoachAction(ctx, id, OPEN, today);
  await inTransaction(ctx, async (tx) => {
    if (!(await repo.updateCycle(tx.db, tx.tenantId, id, OPEN, { status: 'closed', updated_at: nowIso() })))
      movedMeanwhile(id);
    await practiceChanged.emit(tx, { personIds: [row.teacher_person_id], sources: ['cycle'] });
    await recordAudit(
      tx.db,
      tx,
      'coaching_cycle.close',
      { type: 'coaching_cycle', id },
      { status: row.status },
      {
        status: 'closed',
      },
    );
  });
  return getCycle(ctx, id);
}

// ---- the coach's home ------------------------------------------------------------------------------

/** The teachers the actor coaches today (coachLinks is the whole of that reach) with their cycle state. */
export async function listCoachees(ctx: Ctx) {
  const me = ctx.actor.personId;
  if (!me) return { items: [] };
  const links = await coachLinks(ctx, me);
  const ids = [...links.keys()];
  const [rows, cycles] = await Promise.all([
    readInBatches(ids, (batch) => repo.peopleWithSchools(ctx.db, ctx.tenantId, batch)),
    repo.cyclesOfCoach(ctx.db, ctx.tenantId, me),
  ]);
  rows.sort((a, b) => (a.sort_name < b.sort_name ? -1 : a.sort_name > b.sort_name ? 1 : 0));
  return {
    items: rows.map((t) => {
      const mine = cycles.filter((c) => c.teacher_person_id === t.id);
      const open = mine.find((c) => c.status !== 'closed');
      return {
        teacher: {
          id: t.id,
          name: nameOf(t.given_name, t.family_name),
          schoolId: t.school_id,
          schoolName: resolveText(JSON.parse(t.school_name), ctx.locale, ctx.defaultLocale).text,
        },
        links: [...(links.get(t.id) ?? [])].sort(),
        openCycle: open ? { id: open.id, status: open.status as CycleStatus, lessonDate: open.lesson_date } : null,
        cyclesDone: mine.filter((c) => c.status === 'followed_up' || c.status === 'closed').length,
      };
    }),
  };
}

/** The actor's lessons to observe today. */
export async function todaysLessons(ctx: Ctx, today = todayIso()) {
  const me = ctx.actor.personId;
  if (!me) return { today, items: [] };
  const rows = await repo.listCycles(ctx.db, ctx.tenantId, { coachId: me, lessonDate: today, open: true });
  const cycles = await presentMany(ctx, rows);
  return {
    today,
    items: cycles.map((c) => ({
      cycleId: c.id,
      teacher: { id: c.teacher.id, name: c.teacher.name, schoolName: c.teacher.schoolName },
      lessonDate: c.lessonDate,
      status: c.status,
      focusItemIds: c.focusItemIds,
      observationId: c.observation?.id ?? null,
      observationStatus: c.observation?.status ?? null,
    })),
  };
}

/**
 * Coaching under a unit: cycles by stage and observations submitted for officers (reports.read);
 * the observation instrument's aggregates too for those who read the teachers' assessment.
 */
export async function unitSummary(ctx: Ctx, unitId: string) {
  const unit = await org.requireUnit(ctx, unitId);
  const detailed = hasPermissionAt(ctx, 'assessment.read', unit.path);
  if (!detailed && !hasPermissionAt(ctx, 'reports.read', unit.path)) throw notFound('org_unit', unitId);
  const { cycles, observations } = await repo.summaryUnder(ctx.db, ctx.tenantId, unit.path);
  const byStatus = { planned: 0, observed: 0, reflected: 0, followed_up: 0, closed: 0 };
  for (const c of cycles) byStatus[c.status as CycleStatus] += 1;
  const count = (into: Record<string, number>, key: string) => {
    into[key] = (into[key] ?? 0) + 1;
  };
  const users: Record<string, number> = {};
  const purposes: Record<string, number> = {};
  const centredness: Record<string, number> = {};
  let shareSum = 0;
  let shares = 0;
  for (const o of observations) {
    for (const u of parse<string[]>(o.ict_users)) count(users, u);
    for (const p of parse<string[]>(o.ict_purposes)) count(purposes, p);
    if (o.student_centredness !== null) count(centredness, String(o.student_centredness));
    if (o.ict_time_share !== null) {
      shareSum += o.ict_time_share;
      shares += 1;
    }
  }
  return {
    unitId,
    cycles: byStatus,
    teachersCoached: new Set(cycles.map((c) => c.teacher_person_id)).size,
    observationsSubmitted: observations.length,
    instrument: detailed
      ? {
          ictUsers: users,
          ictPurposes: purposes,
          studentCentredness: centredness,
          meanIctTimeShare: shares > 0 ? Math.round(shareSum / shares) : null,
        }
      : null,
  };
}
