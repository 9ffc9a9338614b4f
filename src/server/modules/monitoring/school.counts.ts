import type { Ctx } from '../../shared/context.ts';
import * as org from '../org/org.service.ts';
import { schoolsChanged } from '../practice/schools.changes.ts';
import { placeKey } from './places.ts';
import * as repo from './school.counts.repo.ts';

/**
 * Schools per org unit and place, and those with a whole-school plan or a partnership in effect on a
 * day, kept as running counts for the indicator dashboard (`schools`, `schools_with_plan`,
 * `schools_with_partner`). Each school holds its keys in `school_fact` (`schools`, and one key per
 * merged interval of its active plans' periods and of its partnerships' periods); a change recomputes
 * the keys of the schools it concerns and adds the difference (-old, +new) to the school and every
 * unit above it, in the change's transaction. The date moving on writes nothing: a read sums the
 * intervals that hold the day (`schoolCountsOf`).
 */
export function registerSchoolCounts() {
  org.unitAdded.on(onUnitAdded);
  org.unitRelabelled.on(onUnitRelabelled);
  org.subtreeMoved.on(onSubtreeMoved);
  org.unitsLoaded.on(recount);
  schoolsChanged.on(onSchoolsChanged);
}

export function unregisterSchoolCounts() {
  org.unitAdded.off(onUnitAdded);
  org.unitRelabelled.off(onUnitRelabelled);
  org.subtreeMoved.off(onSubtreeMoved);
  org.unitsLoaded.off(recount);
  schoolsChanged.off(onSchoolsChanged);
}

const SCHOOL = 'school';

const onUnitAdded = async (ctx: Ctx, { unit }: { unit: { id: string; type: string } }) => {
  if (unit.type === SCHOOL) await refreshSchools(ctx, [unit.id]);
};
// A school's place is its own locality, and a unit that becomes or stops being a school gains or loses every key.
const onUnitRelabelled = async (ctx: Ctx, e: { unitId: string; before: { type: string }; after: { type: string } }) => {
  if (e.before.type === SCHOOL || e.after.type === SCHOOL) await refreshSchools(ctx, [e.unitId]);
};
const onSchoolsChanged = (ctx: Ctx, e: { schoolIds: string[] }) => refreshSchools(ctx, e.schoolIds);
const recount = (ctx: Ctx) => repo.rebuildSchoolCounts(ctx.db, ctx.tenantId);

/** Recounts every school count of the tenant (bulk loads, `pathway rebuild-aggregates`). */
export const rebuildSchoolCounts = repo.rebuildSchoolCounts;
export const schoolCountsOf = repo.schoolCountsOf;

/**
 * Intervals merged as the rebuild merges them (school.counts.repo.ts): sorted by start then end, a
 * new one begins where the start is after every end before it. Overlapping periods become one; a
 * school is then in at most one interval on any day. Periods ending before they start hold no day.
 */
export function mergeIntervals(periods: { start: string; end: string }[]): { start: string; end: string }[] {
  const sorted = periods
    .filter((p) => p.start <= p.end)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  const out: { start: string; end: string }[] = [];
  for (const p of sorted) {
    const last = out.at(-1);
    if (last && p.start <= last.end) {
      if (p.end > last.end) last.end = p.end;
    } else out.push({ ...p });
  }
  return out;
}

/**
 * Recomputes the keys of these units (schools now, or once) and moves the unit counts by the
 * difference. On PostgreSQL the units are locked first (ids in order), so two writers refreshing
 * one school cannot both start from the same old keys; SQLite has one writer.
 */
export async function refreshSchools(ctx: Ctx, unitIds: string[]) {
  if (!unitIds.length) return;
  const units = await repo.schoolsOf(ctx.db, ctx.tenantId, unitIds, ctx.dialect === 'postgres');
  const ids = units.map((u) => u.id);
  const schools = units.filter((u) => u.type === SCHOOL);
  const [periods, old] = await Promise.all([
    repo.periodsOf(
      ctx.db,
      ctx.tenantId,
      schools.map((s) => s.id),
    ),
    repo.factsOf(ctx.db, ctx.tenantId, ids),
  ]);
  const fresh: repo.SchoolFactRow[] = [];
  for (const school of schools) {
    const place = placeKey(school)!;
    const row = (key: string) => ({ tenant_id: ctx.tenantId, school_id: school.id, key, place });
    fresh.push(row('schools'));
    for (const kind of [repo.PLAN, repo.PARTNER] as const)
      for (const i of mergeIntervals(periods.filter((p) => p.school_id === school.id && p.kind === kind)))
        fresh.push(row(repo.intervalKey(kind, i.start, i.end)));
  }
  const id = (f: repo.SchoolFactRow) => `${f.school_id}|${f.key}|${f.place}`;
  const [freshIds, oldIds] = [new Set(fresh.map(id)), new Set(old.map(id))];
  const gone = old.filter((f) => !freshIds.has(id(f)));
  const added = fresh.filter((f) => !oldIds.has(id(f)));
  if (!gone.length && !added.length) return;

  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  const above = new Map<string, string[]>();
  const deltas: repo.SchoolCountRow[] = [];
  for (const [facts, sign] of [
    [gone, -1],
    [added, 1],
  ] as const)
    for (const f of facts) {
      const path = pathOf.get(f.school_id)!;
      if (!above.has(path))
        above.set(
          path,
          (await org.unitsOnPath(ctx, path)).map((u) => u.id),
        );
      for (const unit_id of above.get(path)!)
        deltas.push({ tenant_id: ctx.tenantId, unit_id, place: f.place, key: f.key, schools: sign });
    }
  await repo.addSchoolCounts(ctx.db, deltas);
  const changed = [...new Set([...gone, ...added].map((f) => f.school_id))];
  await repo.putFacts(
    ctx.db,
    ctx.tenantId,
    changed,
    fresh.filter((f) => changed.includes(f.school_id)),
  );
}

/**
 * A unit moved: its own rows hold every school of its subtree, so they leave the old ancestors and
 * join the new ones (its keys and its descendants' rows are unchanged), as the teacher counts do.
 */
async function onSubtreeMoved(
  ctx: Ctx,
  { unitId, fromPath, toPath }: { unitId: string; fromPath: string; toPath: string },
) {
  const own = await repo.countsOfUnit(ctx.db, ctx.tenantId, unitId);
  if (!own.length) return;
  const above = async (path: string) =>
    (await org.unitsOnPath(ctx, path)).filter((u) => u.id !== unitId).map((u) => u.id);
  const [oldAbove, newAbove] = [await above(parentPath(fromPath)), await above(parentPath(toPath))];
  await repo.addSchoolCounts(
    ctx.db,
    own.flatMap((r) => [
      ...oldAbove.map((unit_id) => ({ ...r, unit_id, schools: -Number(r.schools) })),
      ...newAbove.map((unit_id) => ({ ...r, unit_id, schools: Number(r.schools) })),
    ]),
  );
}

const parentPath = (path: string) => path.replace(/[^/]+\/$/, '');
