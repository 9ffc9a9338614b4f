import { hasPermissionAt, requireScope } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';
import type { Cell } from '../../shared/xlsx.ts';
import { loadStandard, resolver } from '../assessment/assessment.standard.ts';
import { getTarget, MINIMUM_GROUP } from '../assessment/reports.service.ts';
import * as frameworks from '../frameworks/frameworks.service.ts';
import type { OrgUnit } from '../org/org.schemas.ts';
import * as org from '../org/org.service.ts';
import { PLACES_OF_WORK } from './indicators.repo.ts';
import type { Alignment } from './indicators.schemas.ts';
import * as repo from './monitoring.repo.ts';
import type { Dashboard, DashboardQuery, DashboardRow } from './monitoring.schemas.ts';

export const LEAF_TYPES = new Set(PLACES_OF_WORK);

/**
 * Where the gap between policy and classroom is: for a unit and each unit directly below it, the
 * share of teachers at or above the target level in each competency. Read from the live aggregates
 * only; any group under the minimum size shows no figure at all.
 */
export async function competencyDashboard(ctx: Ctx, query: DashboardQuery): Promise<Dashboard> {
  const unitId = query.unitId ?? (await topOfScope(ctx));
  const { unit, children } = await org.unitWithChildren(ctx, unitId, 'reports.read');
  const standard = await loadStandard(ctx, query.frameworkId);
  const text = resolver(ctx);
  const frameworkId = standard.framework.id;
  const target = await getTarget(ctx, unitId, frameworkId);
  const targetCode = target.levelCode ?? standard.framework.levels[0]!.code;
  const targetRank = standard.rank.get(targetCode)!;
  const units = [unit, ...children];
  const ids = units.map((u) => u.id);
  const [competencyRows, bothSexes, teacherRows, above] = await Promise.all([
    repo.levelCountsOf(ctx.db, ctx.tenantId, ids, { frameworkId, basis: query.basis, sex: query.sex }),
    // Filtered by sex, a cell must also hide when the other sex's assessed are few.
    query.sex ? repo.levelCountsOf(ctx.db, ctx.tenantId, ids, { frameworkId, basis: query.basis }) : null,
    repo.teacherCountsOf(ctx.db, ctx.tenantId, ids),
    org.unitsOnPath(ctx, unit.path),
  ]);
  const inGroup = (r: { sex: string }) => !query.sex || r.sex === query.sex;
  const counted = competencyRows.map((r) => ({ ...r, teachers: Number(r.teachers) }));
  const competencyIds = standard.competencies.map((c) => c.id);

  // Raw figures first; what may be shown is decided over the whole table (see `suppress`).
  const figures = new Map(
    units.map((u) => {
      const ofUnit = teacherRows.filter((r) => r.unit_id === u.id);
      const mine = counted.filter((r) => r.unit_id === u.id);
      const perItem = competencyIds.map((itemId) => {
        const rows = mine.filter((r) => r.item_id === itemId);
        const assessed = rows.reduce((n, r) => n + r.teachers, 0);
        return {
          assessed,
          allAssessed: bothSexes
            ? bothSexes
                .filter((r) => r.unit_id === u.id && r.item_id === itemId)
                .reduce((n, r) => n + Number(r.teachers), 0)
            : assessed,
          atTarget: rows
            .filter((r) => (standard.rank.get(r.level_code) ?? -1) >= targetRank)
            .reduce((n, r) => n + r.teachers, 0),
        };
      });
      return [
        u.id,
        {
          teachers: ofUnit.filter(inGroup).reduce((n, r) => n + r.teachers, 0),
          allTeachers: ofUnit.reduce((n, r) => n + r.teachers, 0),
          perItem,
        },
      ];
    }),
  );
  const hidden = suppress(
    unit.id,
    children.map((c) => c.id),
    figures,
    Boolean(query.sex),
    competencyIds.length,
  );

  const row = (u: OrgUnit): DashboardRow => {
    const f = figures.get(u.id)!;
    const rowHidden = hidden.rows.has(u.id);
    const cellHidden = (i: number) => rowHidden || hidden.cells.has(`${u.id}|${i}`);
    const shares = f.perItem.map((c) => (f.teachers ? c.atTarget / f.teachers : 0));
    const assessed = Math.max(0, ...f.perItem.map((c) => c.assessed));
    const anyCellHidden = f.perItem.some((_, i) => cellHidden(i));
    return {
      unitId: u.id,
      name: u.displayName,
      type: u.type,
      hasChildren: !LEAF_TYPES.has(u.type),
      teachers: rowHidden ? null : f.teachers,
      assessed: rowHidden || isSmall(assessed) ? null : assessed,
      suppressed: rowHidden,
      // An average over every cell would let a hidden cell be worked out from the others.
      meanShare: anyCellHidden || shares.length === 0 ? null : shares.reduce((a, b) => a + b, 0) / shares.length,
      cells: f.perItem.map((c, i) => ({
        itemId: competencyIds[i]!,
        atTarget: cellHidden(i) ? null : c.atTarget,
        share: cellHidden(i) ? null : shares[i]!,
      })),
    };
  };

  return {
    unit: row(unit),
    ancestors: above
      .filter((a) => a.id !== unit.id && hasPermissionAt(ctx, 'reports.read', a.path))
      .map((a) => ({ id: a.id, name: text(JSON.parse(a.name)) })),
    frameworkId,
    basis: query.basis,
    sex: query.sex ?? null,
    minimumGroup: MINIMUM_GROUP,
    target: {
      levelCode: targetCode,
      title: text(standard.framework.levels.find((l) => l.code === targetCode)!.title),
      setByUnit: target.levelCode !== null,
    },
    levels: standard.framework.levels.map((l) => ({ code: l.code, title: text(l.title) })),
    competencies: standard.competencies.map((c) => {
      const aspect = standard.aspectOf.get(c.id);
      return {
        itemId: c.id,
        code: c.code,
        title: text(c.title),
        aspectCode: aspect?.code ?? '',
        aspectTitle: text(aspect?.title ?? standard.framework.title),
      };
    }),
    rows: children.map(row),
  };
}

export type Figures = Map<
  string,
  {
    teachers: number;
    allTeachers: number;
    /** `allAssessed`: the same cell's assessed teachers of both sexes (equal to `assessed` unfiltered). */
    perItem: { assessed: number; allAssessed: number; atTarget: number }[];
  }
>;

const isSmall = (n: number) => n > 0 && n < MINIMUM_GROUP;

/**
 * Which rows and cells must not be shown, so that no group of fewer than 5 teachers can be read,
 * directly or by subtraction: a row whose group is small (or, filtered by sex, whose other sex is);
 * a cell where few teachers were assessed; and then, among the children of the unit, further rows
 * or cells until what is hidden cannot be recovered as the parent minus the shown children (the
 * hidden total is nought or at least 5). Differences between separate requests (one unit, then a
 * sibling) are not covered here.
 */
export function suppress(parentId: string, childIds: string[], figures: Figures, bySex: boolean, items: number) {
  const rows = new Set<string>();
  const cells = new Set<string>();
  for (const [id, f] of figures)
    if (f.teachers < MINIMUM_GROUP || (bySex && isSmall(f.allTeachers - f.teachers))) rows.add(id);
  const complete = (size: (id: string) => number, isHidden: (id: string) => boolean, hide: (id: string) => void) => {
    let hiddenMass = size(parentId) - childIds.reduce((n, id) => n + size(id), 0);
    hiddenMass += childIds.filter(isHidden).reduce((n, id) => n + size(id), 0);
    while (isSmall(hiddenMass)) {
      const next = childIds.filter((id) => !isHidden(id) && size(id) > 0).sort((a, b) => size(a) - size(b))[0];
      if (!next) break;
      hide(next);
      hiddenMass += size(next);
    }
  };
  complete(
    (id) => figures.get(id)!.teachers,
    (id) => rows.has(id),
    (id) => rows.add(id),
  );
  for (let i = 0; i < items; i++) {
    const assessed = (id: string) => figures.get(id)!.perItem[i]!.assessed;
    for (const id of figures.keys()) {
      const cell = figures.get(id)!.perItem[i]!;
      if (isSmall(cell.assessed) || (bySex && isSmall(cell.allAssessed - cell.assessed))) cells.add(`${id}|${i}`);
    }
    complete(
      assessed,
      (id) => rows.has(id) || cells.has(`${id}|${i}`),
      (id) => cells.add(`${id}|${i}`),
    );
  }
  return { rows, cells };
}

/**
 * The dashboard's table for a spreadsheet: the unit and each unit below it, teachers and the percent
 * at or above the target per competency, with exactly what the screen hides left empty.
 */
export function dashboardTable(d: Dashboard): Cell[][] {
  const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
  const line = (r: DashboardRow): Cell[] => [
    r.name.text,
    r.type,
    r.teachers,
    percent(r.meanShare),
    ...r.cells.map((c) => percent(c.share)),
  ];
  return [
    [
      `unit (target ${d.target.levelCode}; ${d.basis}${d.sex ? `; ${d.sex}` : ''})`,
      'type',
      'teachers',
      'mean_percent_at_target',
      ...d.competencies.map((c) => `${c.code}_percent_at_target`),
    ],
    line(d.unit),
    ...d.rows.map(line),
  ];
}

/**
 * From policy to classroom: each goal of the master plan, the competencies that serve it (an aligned
 * aspect stands for its competencies), and the share of the unit's teachers confirmed at or above the
 * target level in each; goals nothing in the standard serves are listed apart.
 */
export async function policyAlignment(
  ctx: Ctx,
  query: { unitId?: string | undefined; frameworkId?: string | undefined },
): Promise<Alignment> {
  const board = await competencyDashboard(ctx, { ...query, basis: 'confirmed' });
  const standard = await loadStandard(ctx, board.frameworkId);
  const { goals } = await frameworks.alignment(ctx, board.frameworkId);
  const text = resolver(ctx);
  const shareOf = new Map(board.unit.cells.map((c) => [c.itemId, c.share]));
  const served = goals.map((g) => {
    const itemIds = new Set(g.items.map((i) => i.id));
    const competencies = standard.competencies.filter(
      (c) => itemIds.has(c.id) || itemIds.has(standard.aspectOf.get(c.id)?.id ?? ''),
    );
    return {
      id: g.id,
      code: g.code,
      title: text(g.title),
      competencies: competencies.map((c) => ({
        itemId: c.id,
        code: c.code,
        title: text(c.title),
        share: shareOf.get(c.id) ?? null,
      })),
    };
  });
  return {
    unit: { id: board.unit.unitId, name: board.unit.name },
    frameworkId: board.frameworkId,
    target: { levelCode: board.target.levelCode, title: board.target.title },
    goals: served.filter((g) => g.competencies.length > 0),
    unservedGoals: served
      .filter((g) => g.competencies.length === 0)
      .map(({ id, code, title }) => ({ id, code, title })),
  };
}

/** The unit at the top of the actor's reporting scope. */
export async function topOfScope(ctx: Ctx): Promise<string> {
  const [root] = requireScope(ctx, 'reports.read');
  const units = await org.unitsOnPath(ctx, root!);
  return units.at(-1)!.id;
}
