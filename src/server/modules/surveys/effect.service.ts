import { requireScope } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { todayIso } from '../../shared/ids.ts';
import { decide, isSmall, MINIMUM_GROUP, sliceFor } from '../../shared/suppression.ts';
import { resolveText } from '../../shared/text.ts';
import * as frameworks from '../frameworks/frameworks.service.ts';
import * as org from '../org/org.service.ts';
import * as catalogue from '../training/catalogue.service.ts';
import * as repo from './effect.repo.ts';
import type { Effect, EffectFigures, EffectQuery, Group } from './effect.schemas.ts';

export const RESAMPLES = 1000;
/** A starting level enters the estimate when each group has at least this many there, so each can be resampled. */
export const MINIMUM_PER_LEVEL = 2;

/** One teacher as the comparison sees them: which group, the starting rank it is matched on, the change. */
export interface Observed {
  personId: string;
  orgPath: string;
  group: Group;
  /** The starting level (rank, rounded when averaged over competencies): what the groups are matched on. */
  stratum: number;
  change: number;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const monthsBefore = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};
/** The first instant after the day: events "up to a date" are those effective before it. */
const endOf = (date: string) => `${addDays(date, 1)}T00:00:00.000Z`;
const round3 = (v: number) => Math.round(v * 1000) / 1000;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * The effect of a programme or module on confirmed competence under a unit, over a period: teachers
 * who completed it in the period against teachers not (yet) trained in it by the period's end, each
 * with a confirmed level at both ends, matched on their starting level (difference in differences,
 * weighted by the trained group's counts per starting level), with a bootstrap interval. Readers
 * need `reports.read` over the unit (the indicator dashboards' readers); it shows no one by name.
 */
export async function effectOfTraining(
  ctx: Ctx,
  training: { kind: 'programme' | 'module'; id: string },
  query: EffectQuery,
): Promise<Effect> {
  const { unit, children } = await org.unitWithChildren(ctx, query.unitId ?? (await topOfScope(ctx)), 'reports.read');
  const to = query.to ?? todayIso();
  const from = query.from ?? monthsBefore(to, 12);
  if (from >= to)
    throw new AppError('validation_failed', 'The period must start before it ends.', {
      field: 'querystring.from',
      from,
      to,
    });

  const subject = await trainingSubject(ctx, training);
  const standard = await frameworks.getFramework(ctx, subject.frameworkId);
  const competencies = subject.competencies.filter((c) =>
    standard.items.some((i) => i.caseIdentifier === c.caseIdentifier),
  );
  if (query.itemId && !competencies.some((c) => c.itemId === query.itemId))
    throw new AppError('unknown_competency', 'That competency is not an outcome of this training.', {
      field: 'querystring.itemId',
      itemId: query.itemId,
    });
  const caseIdentifiers = competencies
    .filter((c) => !query.itemId || c.itemId === query.itemId)
    .map((c) => c.caseIdentifier);
  const levels = [...standard.levels].sort((a, b) => a.position - b.position);
  const levelCodes = [null, ...levels.map((l) => l.code)];
  const rankOf = new Map<string | null, number>([[null, 0], ...levels.map((l, i) => [l.code, i + 1] as const)]);

  // Who is counted is read from the top of the tree, so that whether a unit's figures are shown is
  // decided the same way whichever unit is asked for (shared/suppression.ts): no two views subtract
  // to a group of fewer than the minimum.
  const index = await org.unitIndex(ctx);
  const slice = sliceFor(index, unit.id, true);
  const pathOf = new Map(index.map((u) => [u.id, u.path]));
  const top = pathOf.get(slice.top)!;
  const [teachers, completions, events] = await Promise.all([
    repo.teachersUnder(ctx.db, ctx.tenantId, top),
    repo.completionsUnder(ctx.db, ctx.tenantId, top, {
      moduleIds: subject.moduleIds,
      programmeIds: subject.programmeIds,
    }),
    caseIdentifiers.length === 0
      ? Promise.resolve([])
      : repo.confirmingEventsUnder(
          ctx.db,
          ctx.tenantId,
          top,
          { lineageId: standard.lineageId, caseIdentifiers },
          endOf(to),
        ),
  ]);

  const trainedOn = completionDates(subject, completions);
  // Each teacher's confirmed rank per competency at the start and at the end of the period.
  const startBefore = endOf(from);
  const ranks = new Map<string, Map<string, { start?: number; end?: number }>>();
  for (const e of events) {
    const rank = rankOf.get(e.level_code);
    if (rank === undefined) continue;
    const mine = ranks.get(e.person_id) ?? new Map<string, { start?: number; end?: number }>();
    ranks.set(e.person_id, mine);
    const at = mine.get(e.case_identifier) ?? {};
    mine.set(e.case_identifier, at);
    if (String(e.effective_at) < startBefore) at.start = rank;
    at.end = rank;
  }

  const everyone: Observed[] = [];
  const excluded = { trainedBefore: 0, withoutLevels: 0 };
  for (const t of teachers) {
    const within = t.org_path.startsWith(unit.path);
    const on = trainedOn.get(t.id);
    if (on !== undefined && on < from) {
      if (within) excluded.trainedBefore++;
      continue;
    }
    const group: Group = on !== undefined && on <= to ? 'trained' : 'comparison';
    const both = [...(ranks.get(t.id)?.values() ?? [])].filter(
      (r): r is { start: number; end: number } => r.start !== undefined && r.end !== undefined,
    );
    if (both.length === 0) {
      if (within) excluded.withoutLevels++;
      continue;
    }
    const start = mean(both.map((r) => r.start));
    everyone.push({
      personId: t.id,
      orgPath: t.org_path,
      group,
      stratum: Math.round(start),
      change: mean(both.map((r) => r.end)) - start,
    });
  }

  const sizeOf = (unitId: string, k: number) => {
    const path = pathOf.get(unitId) ?? '';
    const group: Group = k === 0 ? 'trained' : 'comparison';
    return everyone.filter((o) => o.group === group && o.orgPath.startsWith(path)).length;
  };
  const stratumSize = (unitId: string, stratum: string, k: number) => {
    const path = pathOf.get(unitId) ?? '';
    const group: Group = k === 0 ? 'trained' : 'comparison';
    return everyone.filter((o) => o.group === group && String(o.stratum) === stratum && o.orgPath.startsWith(path))
      .length;
  };
  // Each unit's totals, and each starting level's pair of counts, are decided over the tree alike.
  const hidden = decide(slice, { sizes: ['trained', 'comparison'], size: sizeOf }).units;
  const hiddenRows = levelCodes.map(
    (_, r) =>
      decide(slice, {
        sizes: [`trained:${r}`, `comparison:${r}`],
        size: (u, k) => stratumSize(u, String(r), k),
      }).units,
  );
  const observed = everyone.filter((o) => o.orgPath.startsWith(unit.path));
  const figuresAt = (unitId: string, mine: Observed[]): EffectFigures =>
    hidden.has(unitId)
      ? WITHHELD
      : figuresOf(
          mine,
          levelCodes,
          seedOf(unitId),
          hiddenRows.map((rows) => rows.has(unitId)),
        );

  const seedOf = (unitId: string) =>
    hashSeed([training.kind, training.id, unitId, from, to, query.itemId ?? ''].join('|'));
  const regions = children
    .map((child) => ({
      child,
      mine: observed.filter((o) => o.orgPath.startsWith(child.path)),
    }))
    .filter(({ mine }) => mine.length > 0)
    .map(({ child, mine }) => ({
      unitId: child.id,
      name: child.displayName,
      figures: figuresAt(child.id, mine),
    }));

  const text = (value: Record<string, string>) => resolveText(value, ctx.locale, ctx.defaultLocale);
  return {
    training: { kind: training.kind, id: training.id, code: subject.code, title: subject.title },
    unit: { id: unit.id, name: unit.displayName },
    from,
    to,
    competencies: competencies.map(({ itemId, code, title }) => ({ itemId, code, title })),
    itemId: query.itemId ?? null,
    levels: [
      { rank: 0, code: null, title: null },
      ...levels.map((l, i) => ({ rank: i + 1, code: l.code, title: text(l.title) })),
    ],
    minimumGroup: MINIMUM_GROUP,
    resamples: RESAMPLES,
    excluded,
    figures: figuresAt(unit.id, observed),
    regions,
    cautions: ['not_randomised'],
  };
}

/** The figures of a unit hidden so that its neighbours' cannot be worked out from them. */
const WITHHELD: EffectFigures = {
  counts: { trained: null, comparison: null },
  strata: [],
  estimate: { value: null, low: null, high: null, matchedTrained: null, withheld: 'fewer_than_minimum' },
};

/** The unit at the top of the actor's reporting scope. */
async function topOfScope(ctx: Ctx): Promise<string> {
  const [root] = requireScope(ctx, 'reports.read');
  return (await org.unitsOnPath(ctx, root!)).at(-1)!.id;
}

interface Subject {
  kind: 'programme' | 'module';
  id: string;
  code: string;
  title: Effect['training']['title'];
  frameworkId: string;
  /** The modules that make up the training (one for a module). */
  moduleIds: string[];
  /** Programmes whose completion completes a module of the training (and the programme itself). */
  programmeIds: string[];
  programmeModules: Map<string, string[]>;
  competencies: { itemId: string; caseIdentifier: string; code: string; title: Effect['training']['title'] }[];
}

/** What a programme or module is made of: its modules, the programmes that include them, its competencies. */
async function trainingSubject(ctx: Ctx, training: { kind: 'programme' | 'module'; id: string }): Promise<Subject> {
  const programme = training.kind === 'programme' ? await catalogue.getProgramme(ctx, training.id) : null;
  const moduleIds = programme ? programme.modules.map((m) => m.id) : [training.id];
  const modules = await Promise.all(moduleIds.map((id) => catalogue.getModule(ctx, id)));
  if (modules.length === 0)
    throw new AppError('unknown_module', 'This programme has no modules.', { programmeId: training.id });
  const frameworkId = modules[0]!.frameworkId;
  const programmes = (await catalogue.listProgrammes(ctx)).filter(
    (p) => p.id === programme?.id || p.modules.some((m) => moduleIds.includes(m.id)),
  );
  const competencies = new Map<string, Subject['competencies'][number]>();
  for (const m of modules)
    for (const o of m.outcomes)
      if (!competencies.has(o.caseIdentifier))
        competencies.set(o.caseIdentifier, {
          itemId: o.itemId,
          caseIdentifier: o.caseIdentifier,
          code: o.code,
          title: o.title,
        });
  return {
    kind: training.kind,
    id: training.id,
    code: programme?.code ?? modules[0]!.code,
    title: programme?.displayTitle ?? modules[0]!.displayTitle,
    frameworkId,
    moduleIds,
    programmeIds: programmes.map((p) => p.id),
    programmeModules: new Map(programmes.map((p) => [p.id, p.modules.map((m) => m.id)])),
    competencies: [...competencies.values()].sort((a, b) => a.code.localeCompare(b.code)),
  };
}

/**
 * When each teacher completed the training: a module when an offering of it, or of a programme
 * including it, was completed; a programme when its own offering was, or when the last of its
 * modules was (the catalogue's completion rule). The earliest such day.
 */
export function completionDates(
  subject: Pick<Subject, 'kind' | 'id' | 'moduleIds' | 'programmeModules'>,
  rows: { person_id: string; completed_on: string | null; module_id: string | null; programme_id: string | null }[],
): Map<string, string> {
  const modulesDone = new Map<string, Map<string, string>>();
  const programmeDone = new Map<string, string>();
  const earliest = (a: string | undefined, b: string) => (a === undefined || b < a ? b : a);
  for (const r of rows) {
    if (!r.completed_on) continue;
    const on = String(r.completed_on).slice(0, 10);
    const mine = modulesDone.get(r.person_id) ?? new Map<string, string>();
    modulesDone.set(r.person_id, mine);
    const covered = r.module_id ? [r.module_id] : (subject.programmeModules.get(r.programme_id ?? '') ?? []);
    for (const m of covered) mine.set(m, earliest(mine.get(m), on));
    if (subject.kind === 'programme' && r.programme_id === subject.id)
      programmeDone.set(r.person_id, earliest(programmeDone.get(r.person_id), on));
  }
  const out = new Map<string, string>();
  for (const [personId, done] of modulesDone) {
    const days = subject.moduleIds.map((m) => done.get(m));
    const byModules = days.every((d) => d !== undefined) ? (days as string[]).sort().at(-1) : undefined;
    const direct = programmeDone.get(personId);
    const on = [byModules, direct].filter((d): d is string => d !== undefined).sort()[0];
    if (on !== undefined) out.set(personId, on);
  }
  return out;
}

/**
 * Counts, mean changes per starting level and the estimate for one set of teachers, suppressed:
 * a group or cell of 1 to 4 teachers is not shown, nor a cell whose hiding alone could be undone
 * from the group's total. The estimate uses the starting levels where both groups have at least
 * MINIMUM_PER_LEVEL teachers (shown or not: what it says is about groups of at least MINIMUM_GROUP),
 * and is withheld when either group, in all or in those levels, has fewer than MINIMUM_GROUP.
 */
export function figuresOf(
  observed: Observed[],
  levelCodes: (string | null)[],
  seed: number,
  hiddenRows: boolean[] = levelCodes.map(() => false),
): EffectFigures {
  const ranks = levelCodes.map((_, r) => r);
  const cellsOf = (group: Group) =>
    ranks.map((r) =>
      observed
        .filter((o) => o.group === group && o.stratum === r)
        .sort((a, b) => (a.personId < b.personId ? -1 : 1))
        .map((o) => o.change),
    );
  const cells = { trained: cellsOf('trained'), comparison: cellsOf('comparison') };
  const totals = { trained: cells.trained.flat().length, comparison: cells.comparison.flat().length };
  const shown = {
    trained: shownCells(
      totals.trained,
      cells.trained.map((c) => c.length),
      hiddenRows,
    ),
    comparison: shownCells(
      totals.comparison,
      cells.comparison.map((c) => c.length),
      hiddenRows,
    ),
  };
  const matched = ranks.filter(
    (r) => cells.trained[r]!.length >= MINIMUM_PER_LEVEL && cells.comparison[r]!.length >= MINIMUM_PER_LEVEL,
  );
  const inMatched = (group: Group) => matched.reduce((n, r) => n + cells[group][r]!.length, 0);
  const withheld =
    totals.trained < MINIMUM_GROUP || totals.comparison < MINIMUM_GROUP
      ? ('fewer_than_minimum' as const)
      : matched.length === 0
        ? ('no_matched_levels' as const)
        : inMatched('trained') < MINIMUM_GROUP || inMatched('comparison') < MINIMUM_GROUP
          ? ('fewer_than_minimum' as const)
          : null;
  const cell = (group: Group, r: number) => {
    const values = cells[group][r]!;
    return shown[group][r] && values.length > 0
      ? { count: values.length, meanChange: round3(mean(values)) }
      : { count: values.length === 0 && shown[group][r] ? 0 : null, meanChange: null };
  };
  const strata = ranks
    .filter((r) => cells.trained[r]!.length + cells.comparison[r]!.length > 0)
    .map((r) => ({
      rank: r,
      levelCode: levelCodes[r] ?? null,
      trained: cell('trained', r),
      comparison: cell('comparison', r),
      matched: withheld === null && matched.includes(r),
    }));
  const shownTotal = (n: number) => (isSmall(n) ? null : n);
  let estimate: EffectFigures['estimate'] = { value: null, low: null, high: null, matchedTrained: null, withheld };
  if (withheld === null) {
    const groups = matched.map((r) => ({ trained: cells.trained[r]!, comparison: cells.comparison[r]! }));
    const interval = bootstrapInterval(groups, seed);
    estimate = {
      value: round3(differenceInDifferences(groups)),
      low: round3(interval.low),
      high: round3(interval.high),
      matchedTrained: groups.reduce((n, g) => n + g.trained.length, 0),
      withheld: null,
    };
  }
  return {
    counts: { trained: shownTotal(totals.trained), comparison: shownTotal(totals.comparison) },
    strata,
    estimate,
  };
}

/**
 * Which cells of a group to show: none of a group under MINIMUM_GROUP; otherwise not the cells of
 * 1 to 4 nor those of starting levels hidden over the tree (`hiddenAlready`), and, while what is
 * hidden adds up to 1 to 4 (so the group's total would give it away), also the smallest cell shown.
 */
export function shownCells(total: number, counts: number[], hiddenAlready: boolean[] = []): boolean[] {
  if (isSmall(total)) return counts.map(() => false);
  const shown = counts.map((n, i) => !isSmall(n) && !hiddenAlready[i]);
  for (;;) {
    const hidden = counts.reduce((sum, n, i) => sum + (shown[i] ? 0 : n), 0);
    if (!isSmall(hidden)) return shown;
    const next = counts
      .map((n, i) => ({ n, i }))
      .filter(({ n, i }) => shown[i] && n > 0)
      .sort((a, b) => a.n - b.n)[0];
    if (!next) return shown;
    shown[next.i] = false;
  }
}

type Stratum = { trained: number[]; comparison: number[] };

/** The trained group's mean change minus the comparison's, per starting level, weighted by the trained counts. */
export function differenceInDifferences(strata: Stratum[]): number {
  const weight = strata.reduce((n, s) => n + s.trained.length, 0);
  return strata.reduce((sum, s) => sum + s.trained.length * (mean(s.trained) - mean(s.comparison)), 0) / weight;
}

/**
 * A 95% percentile interval from RESAMPLES resamples of teachers, drawn with replacement within each
 * group and starting level (so the counts, and the weights, stay as observed), from a seeded
 * generator: the same data always gives the same interval.
 */
export function bootstrapInterval(strata: Stratum[], seed: number, resamples = RESAMPLES) {
  const random = mulberry32(seed);
  const resample = (values: number[]) => {
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[Math.floor(random() * values.length)]!;
    return sum / values.length;
  };
  const weight = strata.reduce((n, s) => n + s.trained.length, 0);
  const estimates: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (const s of strata) sum += s.trained.length * (resample(s.trained) - resample(s.comparison));
    estimates.push(sum / weight);
  }
  estimates.sort((a, b) => a - b);
  return { low: quantile(estimates, 0.025), high: quantile(estimates, 0.975) };
}

function quantile(sorted: number[], p: number) {
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of the request's terms: the seed of its resamples. */
function hashSeed(text: string) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
