import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import * as assessment from '../assessment/assessment.service.ts';
import { coachingRecorded } from '../assessment/observation.service.ts';
import { selfAssessmentSubmitted } from '../assessment/selfassessment.service.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import { type PracticeSource, practiceChanged } from '../practice/practice.changes.ts';
import { planStatusChanged } from '../training/plans.service.ts';
import { trainingCompleted } from '../training/results.service.ts';
import { type Family, rebuildFacts, refreshFacts } from './facts.service.ts';
import * as repo from './monitoring.repo.ts';
import { relabelPlace } from './places.relabel.ts';
import { ancestry, type Counted, forgetAncestry, placeKey, placeOfChain } from './places.ts';
import { rebuildSchoolCounts, registerSchoolCounts, unregisterSchoolCounts } from './school.counts.ts';

/**
 * Live figures per org unit: for every unit above a teacher (their school, district, region, the
 * nation), how many teachers there are and how many stand at each level of each competency,
 * self-assessed and confirmed, by sex. They change in the same transaction as the status, placement
 * or tree change that moves them, so a dashboard is never stale and never reads the ledger.
 */
export function registerMonitoring() {
  assessment.statusChanged.on(onStatusChanged);
  assessment.statusRebuilt.on(rebuildAll);
  people.personPlaced.on(onPersonPlaced);
  people.peopleLoaded.on(recount);
  org.subtreeMoved.on(onSubtreeMoved);
  org.unitRelabelled.on(onUnitRelabelled);
  org.unitsLoaded.on(recount);
  trainingCompleted.on(onTrainingCompleted);
  selfAssessmentSubmitted.on(onSelfAssessed);
  planStatusChanged.on(onPlanMoved);
  coachingRecorded.on(onCoached);
  practiceChanged.on(onPractice);
  registerSchoolCounts();
}

/** Detaches the listeners: only the benchmark does this, to measure what maintenance costs a write. */
export function unregisterMonitoring() {
  assessment.statusChanged.off(onStatusChanged);
  assessment.statusRebuilt.off(rebuildAll);
  people.personPlaced.off(onPersonPlaced);
  people.peopleLoaded.off(recount);
  org.subtreeMoved.off(onSubtreeMoved);
  org.unitRelabelled.off(onUnitRelabelled);
  org.unitsLoaded.off(recount);
  trainingCompleted.off(onTrainingCompleted);
  selfAssessmentSubmitted.off(onSelfAssessed);
  planStatusChanged.off(onPlanMoved);
  coachingRecorded.off(onCoached);
  practiceChanged.off(onPractice);
  unregisterSchoolCounts();
}

const refresh = (families: Family[]) => (ctx: Ctx, personIds: string[]) => refreshFacts(ctx, personIds, families);
const onTrainingCompleted = (ctx: Ctx, e: { personIds: string[] }) => refresh(['training'])(ctx, e.personIds);
// A submission that recorded events moved the self column, and onStatusChanged refreshed `self_assessed` with it.
const onSelfAssessed = async (ctx: Ctx, e: { personId: string; events: number }) => {
  if (e.events === 0) await refresh(['self'])(ctx, [e.personId]);
};
const onPlanMoved = (ctx: Ctx, e: { personId: string }) => refresh(['plan'])(ctx, [e.personId]);
const onCoached = (ctx: Ctx, e: { personId: string }) => refresh(['coaching'])(ctx, [e.personId]);
// An observation counts as coaching too, so it refreshes both families.
const onPractice = (ctx: Ctx, e: { personIds: string[]; sources: PracticeSource[] }) =>
  refresh(e.sources.includes('observed') ? ['coaching', ...e.sources] : e.sources)(ctx, e.personIds);

const sexOf = (placement: { sex: string | null }) => placement.sex ?? 'unknown';

type Bucket = Pick<repo.CompetencyCountRow, 'framework_id' | 'item_id' | 'basis' | 'level_code'>;

/** The (basis, level) buckets one status row counts a teacher in. */
function bucketsOf(row: assessment.StatusRow | undefined): Bucket[] {
  if (!row) return [];
  const out: Bucket[] = [];
  if (row.self_event_id)
    out.push({
      framework_id: row.framework_id,
      item_id: row.item_id,
      basis: 'self',
      level_code: row.self_level_code ?? 'not_yet',
    });
  if (row.confirmed_event_id)
    out.push({
      framework_id: row.framework_id,
      item_id: row.item_id,
      basis: 'confirmed',
      level_code: row.confirmed_level_code ?? 'not_yet',
    });
  return out;
}

function competencyDeltas(ctx: Ctx, where: Counted, sex: string, buckets: Bucket[], sign: 1 | -1) {
  return where.unitIds.flatMap((unit_id) =>
    buckets.map((b) => ({ tenant_id: ctx.tenantId, unit_id, sex, place: where.place, ...b, teachers: sign })),
  );
}

async function onStatusChanged(ctx: Ctx, changes: assessment.StatusChange[]) {
  const personIds = [...new Set(changes.map((c) => (c.after ?? c.before)!.person_id))];
  const placements = new Map((await people.placementsOf(ctx, personIds)).map((p) => [p.id, p]));
  const unitsAbove = ancestry(ctx);
  const deltas: repo.CompetencyCountRow[] = [];
  for (const change of changes) {
    const placement = placements.get((change.after ?? change.before)!.person_id);
    if (placement?.category !== 'teacher') continue;
    const where = await unitsAbove(placement.org_path);
    deltas.push(
      ...competencyDeltas(ctx, where, sexOf(placement), bucketsOf(change.before), -1),
      ...competencyDeltas(ctx, where, sexOf(placement), bucketsOf(change.after), 1),
    );
  }
  await repo.addCompetencyCounts(ctx.db, deltas);
  // Aspect attainment follows self-assessed and confirmed levels ("trained" never moves it); a moved
  // self column may be a submitted self-assessment, so `self_assessed` is refreshed in the same pass.
  // A teacher's first status row has no `before`: a column it leaves empty did not move.
  const movedOn = (c: assessment.StatusChange, column: 'self_event_id' | 'confirmed_event_id') =>
    (c.before?.[column] ?? null) !== (c.after?.[column] ?? null);
  const selfMoved = (c: assessment.StatusChange) => movedOn(c, 'self_event_id');
  const moved = changes.filter((c) => selfMoved(c) || movedOn(c, 'confirmed_event_id'));
  await refreshFacts(
    ctx,
    moved.map((c) => (c.after ?? c.before)!.person_id),
    moved.some(selfMoved) ? ['aspect', 'self'] : ['aspect'],
  );
}

/** A teacher joined, left, moved, or changed category or sex: their counts leave one set of units for another. */
async function onPersonPlaced(
  ctx: Ctx,
  { before, after }: { before: people.Placement | null; after: people.Placement },
) {
  const counted = (p: people.Placement | null) => (p?.category === 'teacher' ? p : null);
  const [was, is] = [counted(before), counted(after)];
  if (was?.org_path === is?.org_path && was?.sex === is?.sex && !was === !is) return;
  const unitsAbove = ancestry(ctx);
  const [statuses, facts] = await Promise.all([
    assessment.statusRowsOf(ctx, after.id),
    repo.personFactsOf(ctx.db, ctx.tenantId, [after.id]),
  ]);
  const teacherRows: repo.TeacherCountRow[] = [];
  const competencyRows: repo.CompetencyCountRow[] = [];
  const factRows: repo.FactCountRow[] = [];
  for (const [placement, sign] of [
    [was, -1],
    [is, 1],
  ] as const) {
    if (!placement) continue;
    const where = await unitsAbove(placement.org_path);
    const sex = sexOf(placement);
    const { place } = where;
    teacherRows.push(
      ...where.unitIds.map((unit_id) => ({ tenant_id: ctx.tenantId, unit_id, sex, place, teachers: sign })),
    );
    competencyRows.push(...competencyDeltas(ctx, where, sex, statuses.flatMap(bucketsOf), sign));
    for (const unit_id of where.unitIds)
      for (const f of facts)
        factRows.push({ tenant_id: ctx.tenantId, unit_id, fact: f.fact, sex, place, value: sign * Number(f.value) });
  }
  await repo.addTeacherCounts(ctx.db, teacherRows);
  await repo.addCompetencyCounts(ctx.db, competencyRows);
  await repo.addFactCounts(ctx.db, factRows);
}

/**
 * A unit moved: its own rows hold everything of its subtree, so they leave the old ancestors and
 * join the new ones (the unit and its descendants are unchanged).
 */
async function onSubtreeMoved(
  ctx: Ctx,
  { unitId, fromPath, toPath }: { unitId: string; fromPath: string; toPath: string },
) {
  forgetAncestry(ctx);
  const above = async (path: string) =>
    (await org.unitsOnPath(ctx, path)).filter((u) => u.id !== unitId).map((u) => u.id);
  const [oldAbove, newAbove] = [await above(parentPath(fromPath)), await above(parentPath(toPath))];
  const own = await repo.countsOfUnits(ctx.db, ctx.tenantId, [unitId]);
  const shift = <R extends { unit_id: string }>(rows: R[], amount: keyof R & ('teachers' | 'value')) =>
    rows.flatMap((r) => [
      ...oldAbove.map((unit_id) => ({ ...r, unit_id, [amount]: -Number(r[amount]) })),
      ...newAbove.map((unit_id) => ({ ...r, unit_id, [amount]: Number(r[amount]) })),
    ]);
  await repo.addTeacherCounts(ctx.db, shift(own.teachers, 'teachers'));
  await repo.addCompetencyCounts(ctx.db, shift(own.competencies, 'teachers'));
  await repo.addFactCounts(ctx.db, shift(own.facts, 'value'));
  // Teachers the unit's own place of work does not cover take the place of their new surroundings.
  const [oldChain, newChain] = await Promise.all([
    org.unitsOnPath(ctx, parentPath(fromPath)),
    org.unitsOnPath(ctx, parentPath(toPath)),
  ]);
  const moved = (await org.unitsOnPath(ctx, toPath)).at(-1)!;
  if (!placeKey(moved)) await relabelPlace(ctx, moved, placeOfChain(oldChain), placeOfChain(newChain));
}

/** A unit's type or locality changed: the teachers it is the place of work of move to its new place. */
async function onUnitRelabelled(ctx: Ctx, e: Parameters<Parameters<typeof org.unitRelabelled.on>[0]>[1]) {
  forgetAncestry(ctx);
  const above = (await org.unitsOnPath(ctx, e.path)).filter((u) => u.id !== e.unitId);
  await relabelPlace(
    ctx,
    { id: e.unitId, path: e.path },
    placeOfChain([...above, e.before]),
    placeOfChain([...above, e.after]),
  );
}

const parentPath = (path: string) => path.replace(/[^/]+\/$/, '');

/** After a bulk load, whoever caused it: the unit figures are recounted in its transaction (people's facts stand). */
const recount = (ctx: Ctx) => {
  forgetAncestry(ctx);
  return repo.rebuildCounts(ctx.db, ctx.tenantId);
};

/** After a rebuilt status projection: people's facts are worked out again, then every unit figure. */
async function rebuildAll(ctx: Ctx) {
  forgetAncestry(ctx);
  await rebuildFacts(ctx);
  await recount(ctx);
  await rebuildSchoolCounts(ctx.db, ctx.tenantId);
}

/** Recomputes every figure of the tenant (`pathway rebuild-aggregates`). */
export async function rebuildAggregates(ctx: Ctx) {
  if (!ctx.actor.system) throw new AppError('forbidden', 'Only the system rebuilds the aggregates.');
  await inTransaction(ctx, rebuildAll);
}

/** Both tables of a tenant, in a stable order: what the equivalence test compares. */
export function aggregateSnapshot(ctx: Ctx) {
  return repo.allCounts(ctx.db, ctx.tenantId);
}
