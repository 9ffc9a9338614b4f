import { hasPermissionAt, requirePermissionAt } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';
import { nowIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { loadStandard } from '../assessment/assessment.standard.ts';
import { MINIMUM_GROUP } from '../assessment/reports.service.ts';
import * as org from '../org/org.service.ts';
import { type Figures, LEAF_TYPES, suppress, topOfScope } from './dashboard.service.ts';
import * as repo from './indicators.repo.ts';
import type {
  FactSpec,
  Figure,
  Indicator,
  IndicatorDashboard,
  IndicatorDashboardQuery,
  IndicatorFigures,
  Logframe,
} from './indicators.schemas.ts';
import { effectiveTargets, toIndicator } from './indicators.service.ts';

type Totals = Map<string, number>;
type Status = IndicatorFigures['status'];

export const thisYear = () => new Date().getUTCFullYear();

/** How to read one fact spec from a group's totals, with the level order of its standard. */
interface Reader {
  value(t: Totals): number;
  /** Teachers the figure is about: those assessed for a level fact, else all teachers of the group. */
  population(t: Totals): number;
  /** Whether the value counts teachers (not hours or visits): a count of 1 to 4 then describes a few people. */
  countsTeachers: boolean;
}

async function readerOf(ctx: Ctx, spec: FactSpec, wanted: repo.Wanted): Promise<Reader> {
  const teachers = (t: Totals) => t.get('teachers') ?? 0;
  const key = (name: string, countsTeachers = true): Reader => {
    wanted.facts.push(name);
    return { value: (t) => t.get(name) ?? 0, population: teachers, countsTeachers };
  };
  switch (spec.fact) {
    case 'teachers':
      return { value: teachers, population: teachers, countsTeachers: true };
    case 'self_assessed':
      return key('self_assessed');
    case 'cpd_hours':
    case 'coaching_visits':
      return key(spec.fact, false);
    case 'plan_agreed':
    case 'coached':
      return key(spec.fact);
    case 'trained':
      return key(
        spec.moduleId
          ? `trained_module:${spec.moduleId}`
          : spec.programmeId
            ? `trained_programme:${spec.programmeId}`
            : 'trained',
      );
    case 'at_level': {
      const item = await repo.itemFramework(ctx.db, ctx.tenantId, spec.itemId);
      const standard = item ? await loadStandard(ctx, item.framework_id) : undefined;
      const isCompetency = standard?.competencies.some((c) => c.id === spec.itemId) ?? false;
      (isCompetency ? wanted.items : wanted.aspects).push(spec.itemId);
      const prefix = isCompetency ? `c:${spec.itemId}:${spec.basis}:` : `aspect:${spec.itemId}:${spec.basis}:`;
      const least = standard?.rank.get(spec.levelCode) ?? Number.POSITIVE_INFINITY;
      const sum = (t: Totals, counted: (level: string) => boolean) => {
        let n = 0;
        for (const [k, v] of t) if (k.startsWith(prefix) && counted(k.slice(prefix.length))) n += v;
        return n;
      };
      return {
        value: (t) => sum(t, (level) => (standard?.rank.get(level) ?? 0) >= least),
        population: (t) => sum(t, () => true),
        countsTeachers: true,
      };
    }
  }
}

interface Compiled {
  row: repo.IndicatorRow;
  indicator: Indicator;
  numerator: Reader;
  denominator: Reader | null;
}

async function compile(ctx: Ctx, rows: repo.IndicatorRow[]) {
  const wanted: repo.Wanted = { items: [], aspects: [], facts: [] };
  const compiled: Compiled[] = [];
  for (const row of rows) {
    const indicator = toIndicator(ctx, row);
    compiled.push({
      row,
      indicator,
      numerator: await readerOf(ctx, indicator.numerator, wanted),
      denominator: indicator.denominator ? await readerOf(ctx, indicator.denominator, wanted) : null,
    });
  }
  const unique = (list: string[]) => [...new Set(list)];
  return {
    compiled,
    wanted: { items: unique(wanted.items), aspects: unique(wanted.aspects), facts: unique(wanted.facts) },
  };
}

interface Raw {
  numerator: number;
  denominator: number | null;
  population: number;
}

/**
 * The figure's parts and the smallest group of teachers it is about: those assessed for a level
 * fact (on either side), else all teachers of the group, and a denominator that counts teachers.
 */
function raw(c: Compiled, t: Totals | undefined): Raw {
  const totals = t ?? new Map();
  const numerator = c.numerator.value(totals);
  const denominator = c.denominator ? c.denominator.value(totals) : null;
  const sizes = [c.numerator.population(totals)];
  if (c.denominator) sizes.push(c.denominator.population(totals));
  if (c.denominator?.countsTeachers && denominator !== null) sizes.push(denominator);
  return { numerator, denominator, population: Math.min(...sizes) };
}

function figureValue(factor: Indicator['factor'], r: Raw): number | null {
  if (factor === 'count') return r.numerator;
  if (!r.denominator) return null;
  return (r.numerator / r.denominator) * (factor === 'percent' ? 100 : 1000);
}

const shown = (factor: Indicator['factor'], r: Raw): Figure => ({
  value: figureValue(factor, r),
  numerator: r.numerator,
  denominator: r.denominator,
  suppressed: false,
});
const hiddenFigure: Figure = { value: null, numerator: null, denominator: null, suppressed: true };

/**
 * The figures of a parent and its parts (children, or groups by sex or place), with what must stay
 * hidden decided over the whole table, exactly as the competency dashboard does.
 */
function figuresOf(
  compiled: Compiled[],
  parent: string,
  parts: string[],
  totals: Map<string, Totals>,
  /** Filtered by sex: the same totals for both sexes, so a small other sex hides rows and cells too. */
  bothSexes: Map<string, Totals> | null,
) {
  const ids = [parent, ...parts];
  const raws = new Map(ids.map((id) => [id, compiled.map((c) => raw(c, totals.get(id)))]));
  const allRaws = bothSexes ? new Map(ids.map((id) => [id, compiled.map((c) => raw(c, bothSexes.get(id)))])) : raws;
  const figures: Figures = new Map(
    ids.map((id) => [
      id,
      {
        teachers: totals.get(id)?.get('teachers') ?? 0,
        allTeachers: (bothSexes ?? totals).get(id)?.get('teachers') ?? 0,
        perItem: raws.get(id)!.map((r, i) => ({
          assessed: r.population,
          allAssessed: allRaws.get(id)![i]!.population,
          atTarget: r.numerator,
        })),
      },
    ]),
  );
  return hideOver(compiled, parent, parts, figures, bothSexes !== null, (id, i) => raws.get(id)![i]!);
}

/** Applies the table-wide suppression to figures whose raw parts `rawOf` gives. */
function hideOver(
  compiled: Compiled[],
  parent: string,
  parts: string[],
  figures: Figures,
  bySex: boolean,
  rawOf: (id: string, i: number) => Raw,
) {
  const hidden = suppress(parent, parts, figures, bySex, compiled.length);
  return (id: string, i: number): Figure =>
    hidden.rows.has(id) || hidden.cells.has(`${id}|${i}`)
      ? hiddenFigure
      : shown(compiled[i]!.row.factor as Indicator['factor'], rawOf(id, i));
}

/**
 * A closed year's recorded figures of a parent and its children, suppressed over the table like the
 * live ones; null for a unit and indicator with nothing recorded that year.
 */
function recordedFiguresOf(
  compiled: Compiled[],
  parent: string,
  parts: string[],
  rows: repo.ActualRow[],
  year: number,
) {
  const ids = [parent, ...parts];
  const rawOf = (id: string, i: number): Raw | null => {
    const a = rows.find((r) => r.indicator_id === compiled[i]!.row.id && r.unit_id === id && r.year === year);
    return a
      ? {
          numerator: Number(a.numerator),
          denominator: a.denominator === null ? null : Number(a.denominator),
          population: a.population,
        }
      : null;
  };
  const figures: Figures = new Map(
    ids.map((id) => {
      const perItem = compiled.map((_, i) => {
        const r = rawOf(id, i);
        return { assessed: r?.population ?? 0, allAssessed: r?.population ?? 0, atTarget: r?.numerator ?? 0 };
      });
      // A recorded year keeps each figure's population, not the unit's head count: the largest stands for it.
      const teachers = Math.max(0, ...perItem.map((p) => p.assessed));
      return [id, { teachers, allTeachers: teachers, perItem }];
    }),
  );
  const figure = hideOver(compiled, parent, parts, figures, false, (id, i) => rawOf(id, i)!);
  return (id: string, i: number): Figure | null => (rawOf(id, i) ? figure(id, i) : null);
}

function statusOf(indicator: Indicator, figure: Figure, target: number | null, recorded: boolean): Status {
  if (figure.suppressed) return 'suppressed';
  if (!recorded || figure.value === null) return 'no_data';
  if (target === null) return 'no_target';
  const ratio = target === 0 ? 1 : figure.value / target;
  if (ratio >= indicator.legend.onTrack) return 'on_track';
  if (ratio >= indicator.legend.atRisk) return 'at_risk';
  return 'off_track';
}

const nameOf = (ctx: Ctx, json: string) =>
  resolveText(JSON.parse(json) as LocalizedText, ctx.locale, ctx.defaultLocale);

/**
 * Headline indicators of a unit for a roadmap year: the figure (live for this year and later; the
 * recorded one for a past year), the target in effect and who set it, the status against it by the
 * indicator's legend, the progress line, each child unit, and breakdowns by sex, urban/rural and type
 * of institution. Read from the live aggregates; groups under 5 teachers show nothing.
 */
export async function indicatorDashboard(ctx: Ctx, query: IndicatorDashboardQuery): Promise<IndicatorDashboard> {
  const unitId = query.unitId ?? (await topOfScope(ctx));
  const { unit, children } = await org.unitWithChildren(ctx, unitId, 'reports.read');
  const year = query.year ?? thisYear();
  const live = year >= thisYear();
  const chainRows = (await org.unitsOnPath(ctx, unit.path)).reverse();
  const { compiled, wanted } = await compile(ctx, await repo.listIndicators(ctx.db, ctx.tenantId));
  const ids = compiled.map((c) => c.row.id);
  const unitIds = [unit.id, ...children.map((c) => c.id)];

  const childIds = children.map((c) => c.id);
  const [totals, bothSexes, targetRows, actualRows] = await Promise.all([
    repo.totals(ctx.db, ctx.tenantId, { by: 'unit', unitIds }, query.sex, wanted),
    query.sex ? repo.totals(ctx.db, ctx.tenantId, { by: 'unit', unitIds }, undefined, wanted) : null,
    repo.targetsOf(ctx.db, ctx.tenantId, ids, [...chainRows.map((u) => u.id), ...childIds]),
    repo.actualsOf(ctx.db, ctx.tenantId, ids, unitIds),
  ]);
  const liveFigure = figuresOf(compiled, unit.id, childIds, totals, bothSexes);
  const recordedFigure = live ? null : recordedFiguresOf(compiled, unit.id, childIds, actualRows, year);
  const notRecorded = { figure: { ...hiddenFigure, suppressed: false }, recorded: false };
  // A past year's figure is what was recorded for it; recorded years keep no figures by sex.
  const figureAt = (i: number, unitOf: string): { figure: Figure; recorded: boolean } => {
    if (!recordedFigure) return { figure: liveFigure(unitOf, i), recorded: true };
    if (query.sex) return notRecorded;
    const figure = recordedFigure(unitOf, i);
    return figure ? { figure, recorded: true } : notRecorded;
  };

  const chain = chainRows.map((u) => ({ id: u.id, name: u.name }));
  const targetsFor = (indicatorId: string, unitChain: typeof chain) =>
    effectiveTargets(
      ctx,
      targetRows.filter((r) => r.indicator_id === indicatorId),
      unitChain,
    );
  const breakdowns = live
    ? await breakdownsOf(
        ctx,
        compiled,
        unit,
        query,
        wanted,
        { filtered: totals.get(unit.id) ?? new Map(), bothSexes: bothSexes?.get(unit.id) ?? null },
        (i) => childIds.some((id) => liveFigure(id, i).suppressed),
      )
    : [];

  return {
    unit: { id: unit.id, name: unit.displayName, type: unit.type, hasChildren: !LEAF_TYPES.has(unit.type) },
    ancestors: chainRows
      .slice(1)
      .reverse()
      .filter((a) => hasPermissionAt(ctx, 'reports.read', a.path))
      .map((a) => ({ id: a.id, name: nameOf(ctx, a.name) })),
    year,
    sex: query.sex ?? null,
    minimumGroup: MINIMUM_GROUP,
    indicators: compiled.map((c, i) => {
      const targets = targetsFor(c.row.id, chain);
      const target = targets.find((t) => t.year === year) ?? null;
      const { figure, recorded } = figureAt(i, unit.id);
      const baselineRow = targetRows.find(
        (r) => r.indicator_id === c.row.id && r.unit_id === unit.id && r.kind === 'baseline',
      );
      const baseline = baselineRow ? { year: baselineRow.year, value: Number(baselineRow.value) } : null;
      const past = actualRows.filter((r) => r.indicator_id === c.row.id && r.unit_id === unit.id);
      return {
        indicator: c.indicator,
        current: figure,
        target,
        baseline,
        status: statusOf(c.indicator, figure, target?.value ?? null, recorded),
        timeline: timelineOf(c, baseline, past, targets, query.sex ? null : liveFigure(unit.id, i)),
        children: children.map((child) => {
          const childTarget =
            targetsFor(c.row.id, [{ id: child.id, name: JSON.stringify(child.name) }, ...chain]).find(
              (t) => t.year === year,
            ) ?? null;
          const at = figureAt(i, child.id);
          return {
            unitId: child.id,
            name: child.displayName,
            figure: at.figure,
            target: childTarget,
            status: statusOf(c.indicator, at.figure, childTarget?.value ?? null, at.recorded),
          };
        }),
        breakdowns: breakdowns.map((b) => ({ by: b.by, groups: b.groups(i, c) })),
      };
    }),
  };
}

const PARENT = '\u0000all';

/**
 * Breakdowns of the unit's figures (this year's only: recorded years keep totals, not groups). The
 * parent of the groups is the unit itself, and teachers not placed at a school or institution form an
 * `other` group, so the groups add up to the headline and none can be worked out by subtraction. Where
 * a unit below is hidden, the place breakdowns are hidden too: a group sum could otherwise give it away.
 */
async function breakdownsOf(
  ctx: Ctx,
  compiled: Compiled[],
  unit: { id: string; path: string },
  query: IndicatorDashboardQuery,
  wanted: repo.Wanted,
  whole: { filtered: Totals; bothSexes: Totals | null },
  childHidden: (i: number) => boolean,
) {
  const kinds = (['sex', 'locality', 'school_type'] as const).filter(
    (by) => !(by === 'sex' && query.sex) && compiled.some((c) => c.indicator.disaggregations.includes(by)),
  );
  const out = [];
  // Places of work grouped once by (locality, type); each place breakdown sums over the other half.
  const byPlace = kinds.some((by) => by !== 'sex');
  const placeTotals = (sex: string | undefined) =>
    repo.totals(ctx.db, ctx.tenantId, { by: 'place', path: unit.path }, sex, wanted);
  const [places, placesBoth] = await Promise.all([
    byPlace ? placeTotals(query.sex) : new Map<string, Totals>(),
    byPlace && query.sex ? placeTotals(undefined) : null,
  ]);
  const rollUp = (grouped: Map<string, Totals>, half: 0 | 1) => {
    const sums = new Map<string, Totals>();
    for (const [key, totals] of grouped) {
      const group = key.split('|')[half]!;
      const sum = sums.get(group) ?? new Map<string, number>();
      sums.set(group, sum);
      for (const [k, v] of totals) sum.set(k, (sum.get(k) ?? 0) + v);
    }
    return sums;
  };
  for (const by of kinds) {
    const [grouped, groupedBoth] =
      by === 'sex'
        ? [await repo.totals(ctx.db, ctx.tenantId, { by, unitId: unit.id }, undefined, wanted), null]
        : [
            rollUp(places, by === 'locality' ? 0 : 1),
            placesBoth ? rollUp(placesBoth, by === 'locality' ? 0 : 1) : null,
          ];
    const withRest = (groups: Map<string, Totals>, parent: Totals) => {
      const rest = new Map(parent);
      for (const t of groups.values()) for (const [k, v] of t) rest.set(k, (rest.get(k) ?? 0) - v);
      const all = new Map(groups);
      if ((rest.get('teachers') ?? 0) > 0) all.set('other', rest);
      all.set(PARENT, parent);
      return all;
    };
    const parent = by === 'sex' ? (whole.bothSexes ?? whole.filtered) : whole.filtered;
    const all = withRest(grouped, parent);
    const keys = [...all.keys()].filter((k) => k !== PARENT).sort();
    const figure = figuresOf(
      compiled,
      PARENT,
      keys,
      all,
      groupedBoth && whole.bothSexes ? withRest(groupedBoth, whole.bothSexes) : null,
    );
    out.push({
      by,
      groups: (i: number, c: Compiled) =>
        c.indicator.disaggregations.includes(by)
          ? keys.map((key) => ({ key, figure: by !== 'sex' && childHidden(i) ? hiddenFigure : figure(key, i) }))
          : [],
    });
  }
  return out;
}

function timelineOf(
  c: Compiled,
  baseline: { year: number; value: number } | null,
  past: repo.ActualRow[],
  targets: { year: number; value: number }[],
  liveNow: Figure | null,
): IndicatorFigures['timeline'] {
  const now = thisYear();
  const years = new Set<number>([now, ...past.map((p) => p.year), ...targets.map((t) => t.year)]);
  if (baseline) years.add(baseline.year);
  return [...years]
    .sort((a, b) => a - b)
    .map((year) => {
      const target = targets.find((t) => t.year === year)?.value ?? null;
      if (year === now && liveNow)
        return { year, actual: liveNow.suppressed ? null : liveNow.value, target, source: 'live' as const };
      const recorded = past.find((p) => p.year === year);
      if (recorded && year !== now) {
        const figure =
          recorded.population < MINIMUM_GROUP
            ? null
            : figureValue(c.indicator.factor, {
                numerator: Number(recorded.numerator),
                denominator: recorded.denominator === null ? null : Number(recorded.denominator),
                population: recorded.population,
              });
        return { year, actual: figure, target, source: 'recorded' as const };
      }
      if (baseline?.year === year) return { year, actual: baseline.value, target, source: 'baseline' as const };
      return { year, actual: null, target, source: 'none' as const };
    });
}

/**
 * Records a closed year's figures for every indicator and every unit (`indicators.write` at the top
 * unit). The live aggregates only know today, so this is what progress lines show for past years;
 * recording a year again replaces its figures.
 */
export async function recordActuals(ctx: Ctx, year: number) {
  requirePermissionAt(ctx, 'indicators.write', await org.topUnitPath(ctx));
  const { compiled, wanted } = await compile(ctx, await repo.listIndicators(ctx.db, ctx.tenantId));
  let after = '';
  let recorded = 0;
  const at = nowIso();
  for (;;) {
    const unitIds = await repo.unitIdsAfter(ctx.db, ctx.tenantId, after, 200);
    if (unitIds.length === 0 || compiled.length === 0) break;
    const totals = await repo.totals(ctx.db, ctx.tenantId, { by: 'unit', unitIds }, undefined, wanted);
    const rows: repo.ActualRow[] = [];
    for (const unitId of unitIds)
      for (const c of compiled) {
        const r = raw(c, totals.get(unitId));
        rows.push({
          tenant_id: ctx.tenantId,
          indicator_id: c.row.id,
          unit_id: unitId,
          year,
          numerator: r.numerator,
          denominator: r.denominator,
          population: r.population,
          recorded_at: at,
        });
      }
    await repo.putActuals(ctx.db, rows);
    recorded += rows.length;
    after = unitIds.at(-1)!;
  }
  return { year, recorded };
}

/**
 * The logframe for end-of-project evaluation: the objectives (goal > outcomes > outputs) and, under
 * each, its indicators with baseline, final target, this year's actual, status and means of verification.
 */
export async function logframe(
  ctx: Ctx,
  query: { unitId?: string | undefined; year?: number | undefined },
): Promise<Logframe> {
  const board = await indicatorDashboard(ctx, { unitId: query.unitId, year: query.year });
  const objectives = await repo.listObjectives(ctx.db, ctx.tenantId);
  const text = (json: string) => nameOf(ctx, json);
  return {
    unit: { id: board.unit.id, name: board.unit.name },
    year: board.year,
    objectives: objectives.map((o) => ({
      id: o.id,
      parentId: o.parent_id,
      level: o.level as Logframe['objectives'][number]['level'],
      title: text(o.title),
      indicators: board.indicators
        .filter((f) => f.indicator.objectiveId === o.id)
        .map((f) => {
          const last = f.timeline.filter((p) => p.target !== null).at(-1);
          return {
            indicatorId: f.indicator.id,
            code: f.indicator.code,
            name: f.indicator.name,
            factor: f.indicator.factor,
            baseline: f.baseline,
            target: last ? { year: last.year, value: last.target! } : null,
            actual: f.current.value,
            status: f.status,
            meansOfVerification: f.indicator.meansOfVerification,
          };
        }),
    })),
  };
}

/** The indicators dashboard as a table: one row per unit and indicator, suppressed figures empty. */
export function indicatorTable(board: IndicatorDashboard): (string | number | null)[][] {
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  const header = [
    `unit (${board.year}${board.sex ? `; ${board.sex}` : ''})`,
    'indicator_code',
    'indicator',
    'unit_of_measure',
    'value',
    'numerator',
    'denominator',
    'target',
    'target_set_by',
    'status',
  ];
  const rows: (string | number | null)[][] = [header];
  for (const f of board.indicators) {
    const line = (unitName: string, figure: Figure, status: string, target: IndicatorFigures['target']) => [
      unitName,
      f.indicator.code,
      f.indicator.name.text,
      f.indicator.factor,
      round(figure.value),
      figure.numerator,
      figure.denominator,
      target?.value ?? null,
      target?.setBy.name.text ?? null,
      status,
    ];
    rows.push(line(board.unit.name.text, f.current, f.status, f.target));
    for (const child of f.children) rows.push(line(child.name.text, child.figure, child.status, child.target));
  }
  return rows;
}
