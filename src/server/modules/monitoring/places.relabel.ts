import type { Ctx } from '../../shared/context.ts';
import * as org from '../org/org.service.ts';
import * as repo from './monitoring.repo.ts';
import { PLACES_OF_WORK } from './places.ts';

type Rows = Awaited<ReturnType<typeof repo.countsOfUnits>>;

/**
 * Moves the teachers whose place comes from `root` (or from above it) from one place to another:
 * those of `root` and of the units below it that no other place of work stands over. A unit's own
 * teachers are its rows less its children's (rows hold whole subtrees); they leave `from` and join
 * `to` at their unit and every unit above it. Nothing else moves, so teachers under another place
 * of work keep theirs even where its place reads the same.
 */
export async function relabelPlace(ctx: Ctx, root: { id: string; path: string }, from: string, to: string) {
  if (from === to) return;
  const subtree = await repo.unitsUnder(ctx.db, ctx.tenantId, root.path);
  const affected = new Set([root.id]);
  for (const u of subtree)
    if (u.id !== root.id && affected.has(u.parent_id ?? '') && !PLACES_OF_WORK.includes(u.type)) affected.add(u.id);
  const childrenOf = new Map<string, string[]>();
  for (const u of subtree)
    if (u.parent_id && affected.has(u.parent_id))
      childrenOf.set(u.parent_id, [...(childrenOf.get(u.parent_id) ?? []), u.id]);
  const read = [...affected, ...[...childrenOf.values()].flat()];
  const rows = await repo.countsOfUnits(ctx.db, ctx.tenantId, [...new Set(read)]);
  const above = (await org.unitsOnPath(ctx, root.path)).filter((u) => u.id !== root.id).map((u) => u.id);
  const pathOf = new Map(subtree.map((u) => [u.id, u.path]));
  // The units counting a unit's teachers: those above the root, then the root's subtree down to it.
  const chainOf = (unitId: string) => [
    ...above,
    ...subtree.filter((u) => pathOf.get(unitId)!.startsWith(u.path)).map((u) => u.id),
  ];

  const teachers: repo.TeacherCountRow[] = [];
  const competencies: repo.CompetencyCountRow[] = [];
  const facts: repo.FactCountRow[] = [];
  for (const unitId of affected) {
    const own = directRows(rows, unitId, childrenOf.get(unitId) ?? [], from);
    for (const unit_id of chainOf(unitId))
      for (const [place, sign] of [
        [from, -1],
        [to, 1],
      ] as const) {
        for (const r of own.teachers) teachers.push({ ...r, unit_id, place, teachers: sign * r.teachers });
        for (const r of own.competencies) competencies.push({ ...r, unit_id, place, teachers: sign * r.teachers });
        for (const r of own.facts) facts.push({ ...r, unit_id, place, value: sign * r.value });
      }
  }
  await repo.addTeacherCounts(ctx.db, teachers);
  await repo.addCompetencyCounts(ctx.db, competencies);
  await repo.addFactCounts(ctx.db, facts);
}

/** A unit's rows at one place less its children's: what its own teachers count there. */
function directRows(rows: Rows, unitId: string, children: string[], place: string): Rows {
  const net = <R extends { unit_id: string; place: string }>(
    list: R[],
    amount: 'teachers' | 'value',
    keyOf: (r: R) => string,
  ) => {
    const sums = new Map<string, R>();
    for (const r of list) {
      if (r.place !== place) continue;
      const sign = r.unit_id === unitId ? 1 : children.includes(r.unit_id) ? -1 : 0;
      if (sign === 0) continue;
      const key = keyOf(r);
      const sum = sums.get(key) ?? { ...r, unit_id: unitId, [amount]: 0 };
      (sum as Record<string, unknown>)[amount] = Number(sum[amount as keyof R]) + sign * Number(r[amount as keyof R]);
      sums.set(key, sum);
    }
    return [...sums.values()].filter((r) => Number(r[amount as keyof R]) !== 0);
  };
  return {
    teachers: net(rows.teachers, 'teachers', (r) => r.sex),
    competencies: net(rows.competencies, 'teachers', (r) =>
      [r.framework_id, r.item_id, r.basis, r.level_code, r.sex].join('|'),
    ),
    facts: net(rows.facts, 'value', (r) => `${r.fact}|${r.sex}`),
  };
}
