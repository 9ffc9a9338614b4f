import { hasPermissionAt, requirePermissionAt } from '../../shared/access.ts';
import { word } from '../../shared/catalogues.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { nowIso, thisYear, todayIso } from '../../shared/ids.ts';
import { decide, type Hidden, MINIMUM_GROUP, sliceFor, type TreeSlice } from '../../shared/suppression.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { loadStandard } from '../assessment/assessment.standard.ts';
import * as frameworks from '../frameworks/frameworks.service.ts';
import { fill } from '../notifications/notifications.templates.ts';
import * as org from '../org/org.service.ts';
import { termOf } from '../practice/practice.constants.ts';
import { Definition, questionsOf } from '../surveys/surveys.definition.ts';
import { foldTallies } from '../surveys/tally.ts';
import { LEAF_TYPES, topOfScope } from './dashboard.service.ts';
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
import * as counts from './monitoring.repo.ts';
import { splitPlace } from './places.ts';

type Totals = Map<string, number>;
type Status = IndicatorFigures['status'];

/** How to read one fact spec from a group's totals, with the level order of its standard. */
interface Reader {
  value(t: Totals): number;
  /** Teachers the figure is about: those assessed for a level fact, else all teachers of the group. */
  population(t: Totals): number;
  /** Whether the value counts teachers (not hours or visits): a count of 1 to 4 then describes a few people. */
  countsTeachers: boolean;
  /** Names of the population and of the value, the same wherever the same people are counted. */
  populationKey: string;
  valueKey: string;
  /** Who a unit must count for the figure to mean anything there: its teachers, or a round's respondents. */
  peopleKey: string;
}

async function readerOf(ctx: Ctx, spec: FactSpec, wanted: repo.Wanted): Promise<Reader> {
  const teachers = (t: Totals) => t.get('teachers') ?? 0;
  const key = (name: string, countsTeachers = true): Reader => {
    wanted.facts.push(name);
    return {
      value: (t) => t.get(name) ?? 0,
      population: teachers,
      countsTeachers,
      populationKey: 'teachers',
      valueKey: name,
      peopleKey: 'teachers',
    };
  };
  switch (spec.fact) {
    case 'teachers':
      return {
        value: teachers,
        population: teachers,
        countsTeachers: true,
        populationKey: 'teachers',
        valueKey: 'teachers',
        peopleKey: 'teachers',
      };
    case 'self_assessed':
      return key('self_assessed');
    case 'cpd_hours':
    case 'coaching_visits':
      return key(spec.fact, false);
    case 'plan_agreed':
    case 'coached':
    case 'in_cycle':
    case 'used_library':
      return key(spec.fact);
    case 'follow_through_done':
    case 'follow_through_on_time':
    case 'designs_shared':
      return key(spec.fact, false);
    case 'observed':
      return key(`observed:${termOf(todayIso())}`);
    case 'observed_student_centred':
      return key(`observed_sc:${termOf(todayIso())}`);
    case 'schools':
    case 'schools_with_plan':
    case 'schools_with_partner':
      wanted.schools = true;
      return {
        value: (t) => t.get(spec.fact) ?? 0,
        population: teachers,
        countsTeachers: false,
        populationKey: 'teachers',
        valueKey: spec.fact,
        peopleKey: 'teachers',
      };
    case 'trained':
      return key(
        spec.moduleId
          ? `trained_module:${spec.moduleId}`
          : spec.programmeId
            ? `trained_programme:${spec.programmeId}`
            : 'trained',
      );
    case 'at_level': {
      // An indicator naming an item of an older version reads the current version's item with the
      // same CASE identifier, where the carried statuses are counted.
      const itemId = (await frameworks.currentItem(ctx, spec.itemId))?.id ?? spec.itemId;
      const item = await repo.itemFramework(ctx.db, ctx.tenantId, itemId);
      const standard = item ? await loadStandard(ctx, item.framework_id) : undefined;
      const isCompetency = standard?.competencies.some((c) => c.id === itemId) ?? false;
      (isCompetency ? wanted.items : wanted.aspects).push(itemId);
      const prefix = isCompetency ? `c:${itemId}:${spec.basis}:` : `aspect:${itemId}:${spec.basis}:`;
      const least = standard?.rank.get(spec.levelCode) ?? Number.POSITIVE_INFINITY;
      const sum = (t: Totals, counted: (level: string) => boolean) => {
        let n = 0;
        for (const [k, v] of t) if (k.startsWith(prefix) && counted(k.slice(prefix.length))) n += v;
        return n;
      };
      const populationKey = isCompetency ? `c:${itemId}:${spec.basis}` : `aspect:${itemId}:${spec.basis}`;
      return {
        value: (t) => sum(t, (level) => (standard?.rank.get(level) ?? 0) >= least),
        population: (t) => sum(t, () => true),
        countsTeachers: true,
        populationKey,
        valueKey: `${populationKey}:${spec.levelCode}+`,
        peopleKey: 'teachers',
      };
    }
    case 'survey_respondents':
    case 'survey_answered': {
      // No round of the code has opened yet: nobody answered, and a key no group has reads nought.
      const roundId = (await repo.surveyRoundOf(ctx.db, ctx.tenantId, spec.surveyCode, spec.roundId)) ?? '';
      const respondents = repo.surveyRespondentsKey(roundId);
      if (roundId) wanted.surveyRounds.push(roundId);
      const valueKey =
        spec.fact === 'survey_respondents'
          ? respondents
          : `${respondents}:${JSON.stringify([spec.questionKey, spec.item ?? null, [...new Set(spec.values)].sort()])}`;
      if (roundId && spec.fact === 'survey_answered')
        wanted.surveyAnswers.push({
          key: valueKey,
          roundId,
          questionKey: spec.questionKey,
          item: spec.item ?? null,
          values: [...new Set(spec.values)],
          additive: ONE_ANSWER_EACH.has((await questionType(ctx, spec.surveyCode, spec.questionKey)) ?? ''),
        });
      return {
        value: (t) => t.get(valueKey) ?? 0,
        population: (t) => t.get(respondents) ?? 0,
        countsTeachers: true,
        populationKey: respondents,
        valueKey,
        peopleKey: respondents,
      };
    }
  }
}

/** Question types answered once per respondent (per row for a matrix, whose row the indicator names). */
const ONE_ANSWER_EACH = new Set(['single', 'likert', 'matrix']);

async function questionType(ctx: Ctx, surveyCode: string, questionKey: string) {
  for (const json of await repo.surveyDefinitions(ctx.db, ctx.tenantId, surveyCode))
    for (const q of questionsOf(Definition.parse(JSON.parse(json)))) if (q.key === questionKey) return q.type;
  return undefined;
}

/** Brings the tallies of the rounds a compiled set reads up to date (survey facts read them). */
async function foldRounds(ctx: Ctx, wanted: repo.Wanted) {
  for (const roundId of wanted.surveyRounds) await foldTallies(ctx, roundId);
}

interface Compiled {
  row: repo.IndicatorRow;
  indicator: Indicator;
  numerator: Reader;
  denominator: Reader | null;
  /** The counts of people the figure is about (see `raw`), each named once: what suppression weighs. */
  sizes: { key: string; of: (t: Totals) => number }[];
  /** Whether a group counts anyone the figure is about (teachers, or a round's respondents). */
  anyone: (t: Totals | undefined) => boolean;
}

function sizesOf(numerator: Reader, denominator: Reader | null): Compiled['sizes'] {
  const all = [{ key: numerator.populationKey, of: numerator.population }];
  if (denominator) all.push({ key: denominator.populationKey, of: denominator.population });
  if (denominator?.countsTeachers) all.push({ key: denominator.valueKey, of: denominator.value });
  return all.filter((s, i) => all.findIndex((o) => o.key === s.key) === i);
}

async function compile(ctx: Ctx, rows: repo.IndicatorRow[]) {
  const wanted: repo.Wanted = {
    items: [],
    aspects: [],
    facts: [],
    schools: false,
    surveyRounds: [],
    surveyAnswers: [],
    surveyReads: new Map(),
  };
  const compiled: Compiled[] = [];
  for (const row of rows) {
    const indicator = toIndicator(ctx, row);
    const numerator = await readerOf(ctx, indicator.numerator, wanted);
    const denominator = indicator.denominator ? await readerOf(ctx, indicator.denominator, wanted) : null;
    const people = [...new Set([numerator.peopleKey, ...(denominator ? [denominator.peopleKey] : [])])];
    compiled.push({
      row,
      indicator,
      numerator,
      denominator,
      sizes: sizesOf(numerator, denominator),
      anyone: (t) => people.some((k) => (t?.get(k) ?? 0) > 0),
    });
  }
  const unique = (list: string[]) => [...new Set(list)];
  return {
    compiled,
    wanted: {
      items: unique(wanted.items),
      aspects: unique(wanted.aspects),
      facts: unique(wanted.facts),
      schools: wanted.schools,
      surveyRounds: unique(wanted.surveyRounds),
      surveyAnswers: wanted.surveyAnswers.filter((a, i, all) => all.findIndex((o) => o.key === a.key) === i),
      surveyReads: wanted.surveyReads,
    },
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
 * of institution. Read from the live aggregates; what is shown is decided over the tree
 * (`shared/suppression.ts`), the same in every request and as the other reports decide it.
 */
export async function indicatorDashboard(ctx: Ctx, query: IndicatorDashboardQuery): Promise<IndicatorDashboard> {
  const unitId = query.unitId ?? (await topOfScope(ctx));
  const { unit, children } = await org.unitWithChildren(ctx, unitId, 'reports.read');
  const year = query.year ?? thisYear();
  const live = year >= thisYear();
  const chainRows = (await org.unitsOnPath(ctx, unit.path)).reverse();
  // The decision needs only the way down to the unit and the children of each unit on it, not the tree.
  const below = await repo.childrenOf(
    ctx.db,
    ctx.tenantId,
    chainRows.map((u) => u.id),
  );
  // Units on the way below the top are among the children read: each is listed once.
  const index = [...chainRows.filter((u) => !below.some((c) => c.id === u.id)), ...below];
  const { compiled, wanted } = await compile(ctx, await repo.listIndicators(ctx.db, ctx.tenantId));
  await foldRounds(ctx, wanted);
  const ids = compiled.map((c) => c.row.id);
  const slice = sliceFor(index, unit.id, true);
  const childIds = children.map((c) => c.id);
  // Breakdowns are of this year's figures (recorded years keep totals); filtered by sex, only the units.
  const kinds = live
    ? (['sex', 'locality', 'school_type'] as const).filter(
        (by) => !query.sex && compiled.some((c) => c.indicator.disaggregations.includes(by)),
      )
    : [];
  const bySex = Boolean(query.sex) || kinds.includes('sex');
  const grouped = (by: 'unitSex' | 'unitPlace') =>
    repo.totals(ctx.db, ctx.tenantId, { by, unitIds: slice.units }, undefined, wanted);
  const [totals, sexTotals, placeTotals, targetRows, actualRows] = await Promise.all([
    repo.totals(ctx.db, ctx.tenantId, { by: 'unit', unitIds: slice.units }, undefined, wanted),
    bySex && live ? grouped('unitSex') : new Map<string, Totals>(),
    kinds.some((by) => by !== 'sex') ? grouped('unitPlace') : new Map<string, Totals>(),
    repo.targetsOf(ctx.db, ctx.tenantId, ids, [...chainRows.map((u) => u.id), ...childIds]),
    repo.actualsOf(ctx.db, ctx.tenantId, ids, slice.units),
  ]);
  const groupsOf = breakdownGroups(slice.units, sexTotals, placeTotals);
  const kindsDecided = [...(bySex ? (['sex'] as const) : []), ...kinds.filter((by) => by !== 'sex')];
  const liveHidden = compiled.map((c) =>
    decide(slice, {
      sizes: c.sizes.map((s) => s.key),
      size: (u, k) => c.sizes[k]!.of(totals.get(u) ?? NONE),
      breakdowns: kindsDecided.map((by) => ({
        name: by,
        groups: groupsOf(by).keys,
        size: (u: string, g: string, k: number) => c.sizes[k]!.of(groupsOf(by).of(u).get(g) ?? NONE),
      })),
    }),
  );
  const liveFigure = (unitOf: string, i: number): Figure => {
    const hidden = liveHidden[i]!;
    if (hidden.units.has(unitOf) || (query.sex && hidden.breakdowns.get('sex')!.has(unitOf))) return hiddenFigure;
    const t = query.sex ? groupsOf('sex').of(unitOf).get(query.sex) : totals.get(unitOf);
    // A unit without teachers (of the sex asked for), or respondents for a survey fact, has nothing to show.
    if (!compiled[i]!.anyone(t)) return hiddenFigure;
    return shown(compiled[i]!.row.factor as Indicator['factor'], raw(compiled[i]!, t));
  };
  const recorded = recordedFigures(compiled, slice, actualRows);
  const notRecorded = { figure: { ...hiddenFigure, suppressed: false }, recorded: false };
  // A past year's figure is what was recorded for it; recorded years keep no figures by sex.
  const figureAt = (i: number, unitOf: string): { figure: Figure; recorded: boolean } => {
    if (live) return { figure: liveFigure(unitOf, i), recorded: true };
    if (query.sex) return notRecorded;
    const figure = recorded(year, unitOf, i);
    return figure ? { figure, recorded: true } : notRecorded;
  };

  const chain = chainRows.map((u) => ({ id: u.id, name: u.name }));
  const targetsFor = (indicatorId: string, unitChain: typeof chain) =>
    effectiveTargets(
      ctx,
      targetRows.filter((r) => r.indicator_id === indicatorId),
      unitChain,
    );

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
      const { figure, recorded: isRecorded } = figureAt(i, unit.id);
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
        status: statusOf(c.indicator, figure, target?.value ?? null, isRecorded),
        timeline: timelineOf(baseline, past, targets, query.sex || !live ? null : liveFigure(unit.id, i), (pastYear) =>
          recorded(pastYear, unit.id, i),
        ),
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
        breakdowns: kinds.map((by) => ({
          by,
          groups: c.indicator.disaggregations.includes(by)
            ? groupsOf(by)
                .present(unit.id, c.anyone)
                .map((key) => ({
                  key,
                  figure: liveHidden[i]!.breakdowns.get(by)!.has(unit.id)
                    ? hiddenFigure
                    : shown(c.row.factor as Indicator['factor'], raw(c, groupsOf(by).of(unit.id).get(key))),
                }))
            : [],
        })),
      };
    }),
  };
}

const NONE: Totals = new Map();

/**
 * The groups of each breakdown per unit of the slice: by sex, or by urban/rural or type of the place
 * of work counted, where teachers placed under none form an `other` group, so the groups add up to
 * the unit and none can be worked out by subtraction.
 */
function breakdownGroups(units: string[], sexTotals: Map<string, Totals>, placeTotals: Map<string, Totals>) {
  const cache = new Map<
    string,
    {
      keys: string[];
      of: (unit: string) => Map<string, Totals>;
      present: (unit: string, anyone: (t: Totals) => boolean) => string[];
    }
  >();
  return (by: 'sex' | 'locality' | 'school_type') => {
    const known = cache.get(by);
    if (known) return known;
    const perUnit = new Map<string, Map<string, Totals>>(units.map((u) => [u, new Map()]));
    // Keys are `{unit}|{sex}` or `{unit}|{place}`; unit ids hold no `|`.
    for (const [key, t] of by === 'sex' ? sexTotals : placeTotals) {
      const cut = key.indexOf('|');
      const rest = key.slice(cut + 1);
      const place = by === 'sex' ? null : splitPlace(rest);
      const group = place ? (by === 'locality' ? place.locality : place.type) : rest;
      const groups = perUnit.get(key.slice(0, cut));
      if (!groups) continue;
      const sum = groups.get(group) ?? new Map<string, number>();
      groups.set(group, sum);
      for (const [k, v] of t) sum.set(k, (sum.get(k) ?? 0) + v);
    }
    const keys = [...new Set([...perUnit.values()].flatMap((g) => [...g.keys()]))].sort();
    const entry = {
      keys,
      of: (unit: string) => perUnit.get(unit) ?? new Map<string, Totals>(),
      present: (unit: string, anyone: (t: Totals) => boolean) =>
        [...(perUnit.get(unit) ?? new Map<string, Totals>()).entries()]
          .filter(([, t]) => anyone(t))
          .map(([k]) => k)
          .sort(),
    };
    cache.set(by, entry);
    return entry;
  };
}

/**
 * A closed year's recorded figure of a unit in the slice, shown or hidden over the tree like the live
 * ones (by the population recorded with it); null where nothing was recorded that year.
 */
function recordedFigures(compiled: Compiled[], slice: TreeSlice, rows: repo.ActualRow[]) {
  const decided = new Map<string, Hidden>();
  const rowOf = (year: number, unitId: string, i: number) =>
    rows.find((r) => r.indicator_id === compiled[i]!.row.id && r.unit_id === unitId && r.year === year);
  return (year: number, unitId: string, i: number): Figure | null => {
    const a = rowOf(year, unitId, i);
    if (!a) return null;
    const key = `${year}|${i}`;
    let hidden = decided.get(key);
    if (!hidden) {
      hidden = decide(slice, { sizes: ['population'], size: (u) => rowOf(year, u, i)?.population ?? 0 });
      decided.set(key, hidden);
    }
    if (hidden.units.has(unitId)) return hiddenFigure;
    return shown(compiled[i]!.row.factor as Indicator['factor'], {
      numerator: Number(a.numerator),
      denominator: a.denominator === null ? null : Number(a.denominator),
      population: a.population,
    });
  };
}

function timelineOf(
  baseline: { year: number; value: number } | null,
  past: repo.ActualRow[],
  targets: { year: number; value: number }[],
  liveNow: Figure | null,
  recordedIn: (year: number) => Figure | null,
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
      const recorded = year !== now && past.some((p) => p.year === year) ? recordedIn(year) : null;
      if (recorded) return { year, actual: recorded.value, target, source: 'recorded' as const };
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
  await foldRounds(ctx, wanted);
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
  // The competency dashboard's year is closed with the indicators': its counts of the current version.
  const frameworkId = await frameworks.currentVersionId(ctx).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'framework_not_found') return null;
    throw e;
  });
  if (frameworkId)
    await inTransaction(ctx, (tx) => counts.recordCompetencyYear(tx.db, tx.tenantId, year, frameworkId, at));
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

/** The indicators dashboard as a table in the reader's language: one row per unit and indicator, suppressed figures empty. */
export function indicatorTable(board: IndicatorDashboard, locale: string): (string | number | null)[][] {
  const w = (key: string) => word(locale, key);
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  const year = board.sex ? `${board.year}; ${w(`people.sexes.${board.sex}`)}` : String(board.year);
  const header = [
    fill(w('monitoring.export.indicatorUnit'), { year }),
    ...[
      'indicatorCode',
      'indicator',
      'factor',
      'value',
      'numerator',
      'denominator',
      'target',
      'targetSetBy',
      'status',
    ].map((k) => w(`monitoring.export.${k}`)),
  ];
  // A status's message may name the minimum group; the spreadsheet says it as a number.
  const status = (s: string) => fill(w(`monitoring.status.${s}`), { minimum: String(MINIMUM_GROUP) });
  const rows: (string | number | null)[][] = [header];
  for (const f of board.indicators) {
    const line = (unitName: string, figure: Figure, s: string, target: IndicatorFigures['target']) => [
      unitName,
      f.indicator.code,
      f.indicator.name.text,
      w(`monitoring.factors.${f.indicator.factor}`),
      round(figure.value),
      figure.numerator,
      figure.denominator,
      target?.value ?? null,
      target?.setBy.name.text ?? null,
      status(s),
    ];
    rows.push(line(board.unit.name.text, f.current, f.status, f.target));
    for (const child of f.children) rows.push(line(child.name.text, child.figure, child.status, child.target));
  }
  return rows;
}
