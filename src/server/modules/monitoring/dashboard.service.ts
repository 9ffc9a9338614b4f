import { hasPermissionAt, requireScope } from '../../shared/access.ts';
import { word } from '../../shared/catalogues.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { thisYear } from '../../shared/ids.ts';
import { decide, type Family, type Hidden, isSmall, MINIMUM_GROUP, sliceFor } from '../../shared/suppression.ts';
import type { Cell } from '../../shared/xlsx.ts';
import { loadStandard, resolver } from '../assessment/assessment.standard.ts';
import { getTarget } from '../assessment/reports.service.ts';
import * as frameworks from '../frameworks/frameworks.service.ts';
import { fill } from '../notifications/notifications.templates.ts';
import type { OrgUnit } from '../org/org.schemas.ts';
import * as org from '../org/org.service.ts';
import type { Alignment } from './indicators.schemas.ts';
import * as repo from './monitoring.repo.ts';
import type {
  Dashboard,
  DashboardQuery,
  DashboardRow,
  DashboardTrend,
  DashboardTrendQuery,
} from './monitoring.schemas.ts';
import { PLACES_OF_WORK } from './places.ts';
import { individualsVisible } from './teachers.service.ts';

export const LEAF_TYPES = new Set(PLACES_OF_WORK);

/**
 * Where the gap between policy and classroom is: for a unit and each unit directly below it, the
 * share of teachers at or above the target level in each competency. Read from the live aggregates
 * only; what is shown is decided over the tree (`shared/suppression.ts`), the same in every request.
 */
export async function competencyDashboard(ctx: Ctx, query: DashboardQuery): Promise<Dashboard> {
  const unitId = query.unitId ?? (await topOfScope(ctx));
  const [{ unit, children }, index, recorded] = await Promise.all([
    org.unitWithChildren(ctx, unitId, 'reports.read'),
    org.unitIndex(ctx),
    repo.recordedCompetencyYears(ctx.db, ctx.tenantId),
  ]);
  const now = thisYear();
  const year = query.year ?? now;
  // A closed year is read as it was recorded, of the version it was recorded for.
  const record = year < now ? recorded.find((r) => r.year === year) : undefined;
  if (year < now && !record)
    throw new AppError('year_not_recorded', `No competency figures were recorded for ${year}.`, {
      year,
      recorded: recorded.map((r) => r.year),
    });
  const standard = await loadStandard(ctx, record?.framework_id ?? query.frameworkId);
  const text = resolver(ctx);
  const frameworkId = standard.framework.id;
  const target = await getTarget(ctx, unitId, frameworkId);
  const targetCode = target.levelCode ?? standard.framework.levels[0]!.code;
  const targetRank = standard.rank.get(targetCode)!;
  const slice = sliceFor(index, unit.id, true);
  const [competencyRows, teacherRows, above] = await Promise.all([
    record
      ? repo.levelCountsIn(ctx.db, ctx.tenantId, slice.units, { year, basis: query.basis })
      : repo.levelCountsOf(ctx.db, ctx.tenantId, slice.units, { frameworkId, basis: query.basis }),
    record
      ? repo.teacherCountsIn(ctx.db, ctx.tenantId, slice.units, year)
      : repo.teacherCountsOf(ctx.db, ctx.tenantId, slice.units),
    org.unitsOnPath(ctx, unit.path),
  ]);
  const competencyIds = standard.competencies.map((c) => c.id);

  const teachers = new BySex();
  for (const r of teacherRows) teachers.add(r.unit_id, r.sex, Number(r.teachers));
  const assessed = new Map(competencyIds.map((id) => [id, new BySex()]));
  const atTarget = new Map(competencyIds.map((id) => [id, new BySex()]));
  for (const r of competencyRows) {
    const n = Number(r.teachers);
    assessed.get(r.item_id)?.add(r.unit_id, r.sex, n);
    if ((standard.rank.get(r.level_code) ?? -1) >= targetRank) atTarget.get(r.item_id)?.add(r.unit_id, r.sex, n);
  }
  const sexes = teachers.sexes();
  // A row is about the unit's teachers; a cell about them and those assessed in the competency.
  const rowHidden = decide(slice, sexFamily(['teachers'], [teachers], sexes));
  const cellHidden = competencyIds.map((id) =>
    decide(slice, sexFamily(['teachers', `c:${id}:${query.basis}`], [teachers, assessed.get(id)!], sexes)),
  );
  const shownIn = (hidden: Hidden, id: string) =>
    !hidden.units.has(id) && !(query.sex && hidden.breakdowns.get('sex')!.has(id));

  const row = (u: OrgUnit): DashboardRow => {
    const headcount = teachers.of(u.id, query.sex);
    // A unit without teachers (of the sex asked for) has nothing to show.
    const rowShown = headcount > 0 && shownIn(rowHidden, u.id);
    const cellShown = (i: number) => rowShown && shownIn(cellHidden[i]!, u.id);
    const perItem = competencyIds.map((id) => ({
      assessed: assessed.get(id)!.of(u.id, query.sex),
      atTarget: atTarget.get(id)!.of(u.id, query.sex),
    }));
    const shares = perItem.map((c) => (headcount ? c.atTarget / headcount : 0));
    const mostAssessed = Math.max(0, ...perItem.map((c) => c.assessed));
    const everyCellShown = perItem.every((_, i) => cellShown(i));
    return {
      unitId: u.id,
      name: u.displayName,
      type: u.type,
      hasChildren: !LEAF_TYPES.has(u.type),
      teachers: rowShown ? headcount : null,
      assessed: everyCellShown && !isSmall(mostAssessed) ? mostAssessed : null,
      suppressed: !rowShown,
      // An average over every cell would let a hidden cell be worked out from the others.
      meanShare: !everyCellShown || shares.length === 0 ? null : shares.reduce((a, b) => a + b, 0) / shares.length,
      cells: perItem.map((c, i) => ({
        itemId: competencyIds[i]!,
        atTarget: cellShown(i) ? c.atTarget : null,
        share: cellShown(i) ? shares[i]! : null,
      })),
    };
  };

  return {
    unit: row(unit),
    ancestors: above
      .filter((a) => a.id !== unit.id && hasPermissionAt(ctx, 'reports.read', a.path))
      .map((a) => ({ id: a.id, name: text(JSON.parse(a.name)) })),
    frameworkId,
    frameworkVersion: standard.framework.version,
    year,
    live: !record,
    years: [...recorded.map((r) => r.year).filter((y) => y < now), now],
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
    individualsVisible: individualsVisible(ctx, unit.path),
  };
}

/**
 * A unit's headline in every year that can be shown: each point is that year's dashboard of the unit,
 * so the trend and the year picker never disagree and suppression is decided as each year decides it.
 */
export async function competencyTrend(ctx: Ctx, query: DashboardTrendQuery): Promise<DashboardTrend> {
  const latest = await competencyDashboard(ctx, query);
  const past = await Promise.all(
    latest.years.filter((y) => y < latest.year).map((year) => competencyDashboard(ctx, { ...query, year })),
  );
  return {
    unitId: latest.unit.unitId,
    points: [...past, latest].map((d) => ({
      year: d.year,
      live: d.live,
      frameworkVersion: d.frameworkVersion,
      targetLevel: d.target.title,
      teachers: d.unit.teachers,
      assessed: d.unit.assessed,
      meanShare: d.unit.meanShare,
      suppressed: d.unit.suppressed,
    })),
  };
}

/** Counts per unit and sex. */
class BySex {
  private counts = new Map<string, Map<string, number>>();
  add(unitId: string, sex: string, n: number) {
    const m = this.counts.get(unitId) ?? new Map<string, number>();
    this.counts.set(unitId, m);
    m.set(sex, (m.get(sex) ?? 0) + n);
  }
  /** One sex, or all when none is named. */
  of(unitId: string, sex?: string | undefined) {
    const m = this.counts.get(unitId);
    if (!m) return 0;
    if (sex) return m.get(sex) ?? 0;
    let n = 0;
    for (const v of m.values()) n += v;
    return n;
  }
  sexes() {
    const all = new Set<string>();
    for (const m of this.counts.values()) for (const s of m.keys()) all.add(s);
    return [...all].sort();
  }
}

/** A figure whose sizes are these counts, broken down by sex. */
function sexFamily(names: string[], counts: BySex[], sexes: string[]): Family {
  return {
    sizes: names,
    size: (u, k) => counts[k]!.of(u),
    breakdowns: [{ name: 'sex', groups: sexes, size: (u, g, k) => counts[k]!.of(u, g) }],
  };
}

/**
 * The dashboard's table for a spreadsheet, in the reader's language: the unit and each unit below it,
 * teachers and the percent at or above the target per competency, with exactly what the screen hides
 * left empty.
 */
export function dashboardTable(d: Dashboard, locale: string): Cell[][] {
  const w = (key: string) => word(locale, key);
  const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
  const line = (r: DashboardRow): Cell[] => [
    r.name.text,
    w(`org.type.${r.type}`),
    r.teachers,
    percent(r.meanShare),
    ...r.cells.map((c) => percent(c.share)),
  ];
  const basis = w(d.basis === 'self' ? 'assessment.selfAssessed' : 'assessment.confirmed');
  return [
    [
      fill(w('monitoring.export.unit'), {
        level: d.target.title.text,
        basis: d.sex ? `${basis}, ${w(`people.sexes.${d.sex}`)}` : basis,
        year: String(d.year),
      }),
      w('monitoring.export.type'),
      w('monitoring.export.teachers'),
      w('monitoring.export.mean'),
      ...d.competencies.map((c) => fill(w('monitoring.export.competency'), { code: c.code })),
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
