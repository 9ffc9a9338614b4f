import { requirePermissionAt } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { loadStandard } from '../assessment/assessment.standard.ts';
import * as org from '../org/org.service.ts';
import { Definition, questionsOf } from '../surveys/surveys.definition.ts';
import * as training from '../training/catalogue.service.ts';
import { trackEdits } from '../translations/translations.tracking.ts';
import * as repo from './indicators.repo.ts';
import {
  type FactSpec,
  type Indicator,
  type IndicatorInput,
  type ObjectiveInput,
  SCHOOL_FACTS,
  type TargetsInput,
} from './indicators.schemas.ts';
import { indicatorTexts } from './indicators.translatable.ts';

const parse = <T>(json: string): T => JSON.parse(json) as T;

export function toIndicator(ctx: Ctx, row: repo.IndicatorRow): Indicator {
  const text = (value: LocalizedText) => resolveText(value, ctx.locale, ctx.defaultLocale);
  const name = parse<LocalizedText>(row.name);
  const definition = parse<LocalizedText>(row.definition);
  const meansOfVerification = parse<LocalizedText>(row.means_of_verification);
  return {
    id: row.id,
    code: row.code,
    name: text(name),
    definition: text(definition),
    source: { name, definition, meansOfVerification },
    numerator: parse<FactSpec>(row.numerator),
    denominator: row.denominator ? parse<FactSpec>(row.denominator) : null,
    factor: row.factor as Indicator['factor'],
    disaggregations: parse(row.disaggregations),
    legend: parse(row.legend),
    objectiveId: row.objective_id,
    meansOfVerification: text(meansOfVerification),
  };
}

/** Indicators are national, like the standard they measure: everyone signed in reads them. */
export async function listIndicators(ctx: Ctx): Promise<Indicator[]> {
  return (await repo.listIndicators(ctx.db, ctx.tenantId)).map((r) => toIndicator(ctx, r));
}

export async function requireIndicator(ctx: Ctx, id: string) {
  const row = await repo.getIndicator(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound('indicator', id);
  return row;
}

export async function createIndicator(ctx: Ctx, input: IndicatorInput): Promise<Indicator> {
  requirePermissionAt(ctx, 'indicators.write', await org.topUnitPath(ctx));
  await checkDefinition(ctx, input);
  return inTransaction(ctx, async (tx) => {
    if (await repo.indicatorByCode(tx.db, tx.tenantId, input.code))
      throw new AppError('duplicate_code', `An indicator with code ${input.code} exists.`, { field: 'code' });
    const at = nowIso();
    const row: repo.IndicatorRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      ...columnsOf(input),
      position: await repo.nextIndicatorPosition(tx.db, tx.tenantId),
      created_at: at,
      updated_at: at,
    };
    await repo.insertIndicator(tx.db, row);
    await recordAudit(tx.db, tx, 'indicator.create', { type: 'indicator', id: row.id }, null, input);
    return toIndicator(tx, row);
  });
}

export async function updateIndicator(ctx: Ctx, id: string, input: IndicatorInput): Promise<Indicator> {
  requirePermissionAt(ctx, 'indicators.write', await org.topUnitPath(ctx));
  await checkDefinition(ctx, input);
  return inTransaction(ctx, async (tx) => {
    const before = await requireIndicator(tx, id);
    const clash = await repo.indicatorByCode(tx.db, tx.tenantId, input.code);
    if (clash && clash.id !== id)
      throw new AppError('duplicate_code', `An indicator with code ${input.code} exists.`, { field: 'code' });
    const patch = { ...columnsOf(input), updated_at: nowIso() };
    await trackEdits(tx, indicatorTexts, id, () => repo.updateIndicator(tx.db, tx.tenantId, id, patch));
    await recordAudit(tx.db, tx, 'indicator.update', { type: 'indicator', id }, toIndicator(tx, before), input);
    return toIndicator(tx, { ...before, ...patch });
  });
}

function columnsOf(input: IndicatorInput) {
  return {
    code: input.code,
    name: JSON.stringify(input.name),
    definition: JSON.stringify(input.definition),
    numerator: JSON.stringify(input.numerator),
    denominator: input.denominator ? JSON.stringify(input.denominator) : null,
    factor: input.factor,
    disaggregations: JSON.stringify([...new Set(input.disaggregations)]),
    legend: JSON.stringify(input.legend),
    objective_id: input.objectiveId,
    means_of_verification: JSON.stringify(input.meansOfVerification),
  };
}

const invalid = (path: string, message: string) =>
  new AppError('validation_failed', message, { issues: [{ path, message }] });

/** Everything an indicator names must exist: items and levels of a published standard, modules, programmes. */
async function checkDefinition(ctx: Ctx, input: IndicatorInput) {
  if (input.factor !== 'count' && !input.denominator)
    throw invalid('body.denominator', `A ${input.factor.replace('_', ' ')} needs a denominator.`);
  if (input.objectiveId && !(await repo.listObjectives(ctx.db, ctx.tenantId)).some((o) => o.id === input.objectiveId))
    throw invalid('body.objectiveId', `No objective ${input.objectiveId}.`);
  for (const [side, spec] of [
    ['numerator', input.numerator],
    ['denominator', input.denominator],
  ] as const) {
    if (!spec) continue;
    const at = `body.${side}`;
    if (spec.fact === 'at_level') {
      const item = await repo.itemFramework(ctx.db, ctx.tenantId, spec.itemId);
      if (!item) throw invalid(`${at}.itemId`, `No competency or aspect ${spec.itemId} in a published standard.`);
      const standard = await loadStandard(ctx, item.framework_id);
      const isCompetency = standard.competencies.some((c) => c.id === spec.itemId);
      const isAspect = [...standard.aspectOf.values()].some((a) => a?.id === spec.itemId);
      if (!isCompetency && !isAspect)
        throw invalid(`${at}.itemId`, `${spec.itemId} is neither a competency nor an aspect.`);
      if (!standard.framework.levels.some((l) => l.code === spec.levelCode))
        throw invalid(`${at}.levelCode`, `The standard has no level ${spec.levelCode}.`);
    }
    if (input.disaggregations.includes('sex') && (SCHOOL_FACTS as readonly string[]).includes(spec.fact))
      throw invalid(
        'body.disaggregations',
        'Schools have no sex: an indicator counting schools cannot be split by sex.',
      );
    if (spec.fact === 'survey_respondents' || spec.fact === 'survey_answered') await checkSurveyFact(ctx, spec, at);
    if (spec.fact === 'trained') {
      if (spec.moduleId && spec.programmeId) throw invalid(at, 'Name a module or a programme, not both.');
      if (spec.moduleId) await known(() => training.requireModule(ctx, spec.moduleId!), `${at}.moduleId`);
      if (spec.programmeId) await known(() => training.requireProgramme(ctx, spec.programmeId!), `${at}.programmeId`);
    }
  }
}

/**
 * A survey fact names a questionnaire code that exists, a round of it if pinned, and a question (and a
 * matrix row, and choices) that some version of it asks: versions keep their keys, so rounds compare.
 */
async function checkSurveyFact(
  ctx: Ctx,
  spec: Extract<FactSpec, { fact: 'survey_respondents' | 'survey_answered' }>,
  at: string,
) {
  const definitions = await repo.surveyDefinitions(ctx.db, ctx.tenantId, spec.surveyCode);
  if (definitions.length === 0)
    throw new AppError('unknown_survey', `No questionnaire has the code ${spec.surveyCode}.`, {
      field: `${at}.surveyCode`,
    });
  if (spec.roundId && !(await repo.surveyRoundOf(ctx.db, ctx.tenantId, spec.surveyCode, spec.roundId)))
    throw new AppError('unknown_survey_round', `No round ${spec.roundId} of ${spec.surveyCode}.`, {
      field: `${at}.roundId`,
    });
  if (spec.fact !== 'survey_answered') return;
  const asked = definitions
    .flatMap((json) => questionsOf(Definition.parse(JSON.parse(json))))
    .filter((q) => q.key === spec.questionKey);
  if (asked.length === 0)
    throw new AppError('unknown_survey_question', `${spec.surveyCode} asks no question ${spec.questionKey}.`, {
      field: `${at}.questionKey`,
    });
  const type = asked[0]!.type;
  if (type === 'number') throw invalid(`${at}.questionKey`, 'A number answer is not one of some values.');
  if (type === 'matrix' && !asked.some((q) => q.rows.some((r) => r.value === spec.item)))
    throw invalid(`${at}.item`, `Name a row of the matrix ${spec.questionKey}.`);
  if (type !== 'matrix' && spec.item !== undefined)
    throw invalid(`${at}.item`, `${spec.questionKey} is not a matrix: it has no rows.`);
  const offered = new Set(asked.flatMap((q) => q.choices.map((c) => c.value)));
  const unknown = offered.size ? spec.values.filter((v) => !offered.has(v)) : [];
  if (unknown.length) throw invalid(`${at}.values`, `${spec.questionKey} offers no ${unknown.join(', ')}.`);
}

async function known(find: () => Promise<unknown>, path: string) {
  try {
    await find();
  } catch (e) {
    if (e instanceof AppError && e.code.endsWith('_not_found')) throw invalid(path, e.message);
    throw e;
  }
}

// ---------------------------------------------------------------- the roadmap

/**
 * A unit's baseline and targets for an indicator, and the targets in effect there: its own, else
 * those of the nearest unit above that set one for the year.
 */
export async function getTargets(ctx: Ctx, indicatorId: string, unitId: string) {
  await requireIndicator(ctx, indicatorId);
  const unit = await org.requireUnit(ctx, unitId, 'reports.read');
  const chain = (await org.unitsOnPath(ctx, unit.path)).reverse();
  const rows = await repo.targetsOf(
    ctx.db,
    ctx.tenantId,
    [indicatorId],
    chain.map((u) => u.id),
  );
  const own = rows.filter((r) => r.unit_id === unitId);
  const baseline = own.find((r) => r.kind === 'baseline');
  return {
    unitId,
    baseline: baseline ? { year: baseline.year, value: Number(baseline.value) } : null,
    targets: own.filter((r) => r.kind === 'target').map((r) => ({ year: r.year, value: Number(r.value) })),
    effective: effectiveTargets(ctx, rows, chain),
  };
}

/** Per year, the target of the nearest unit on `chain` (the unit first, then upwards). */
export function effectiveTargets(
  ctx: Ctx,
  rows: repo.TargetRow[],
  chain: { id: string; name: string }[],
): { year: number; value: number; setBy: { unitId: string; name: ReturnType<typeof resolveText> } }[] {
  const years = [...new Set(rows.filter((r) => r.kind === 'target').map((r) => r.year))].sort((a, b) => a - b);
  const out = [];
  for (const year of years) {
    for (const unit of chain) {
      const hit = rows.find((r) => r.kind === 'target' && r.year === year && r.unit_id === unit.id);
      if (!hit) continue;
      out.push({
        year,
        value: Number(hit.value),
        setBy: { unitId: unit.id, name: resolveText(parse<LocalizedText>(unit.name), ctx.locale, ctx.defaultLocale) },
      });
      break;
    }
  }
  return out;
}

/** Sets a unit's baseline and targets (replacing what it had); `targets.write` at that unit. */
export async function setTargets(ctx: Ctx, indicatorId: string, input: TargetsInput) {
  await requireIndicator(ctx, indicatorId);
  const unit = await org.requireUnit(ctx, input.unitId, 'reports.read');
  requirePermissionAt(ctx, 'targets.write', unit.path);
  const before = await getTargets(ctx, indicatorId, input.unitId);
  const at = nowIso();
  const row = (kind: string, year: number, value: number): repo.TargetRow => ({
    tenant_id: ctx.tenantId,
    indicator_id: indicatorId,
    unit_id: input.unitId,
    kind,
    year,
    value,
    updated_by: ctx.actor.username,
    updated_at: at,
  });
  await inTransaction(ctx, async (tx) => {
    await repo.replaceTargets(tx.db, tx.tenantId, indicatorId, input.unitId, [
      ...(input.baseline ? [row('baseline', input.baseline.year, input.baseline.value)] : []),
      ...input.targets.map((t) => row('target', t.year, t.value)),
    ]);
    await recordAudit(
      tx.db,
      tx,
      'indicator.targets',
      { type: 'indicator', id: indicatorId },
      { baseline: before.baseline, targets: before.targets },
      input,
    );
  });
  return getTargets(ctx, indicatorId, input.unitId);
}

// ---------------------------------------------------------------- the logframe

/** Adds an objective to the results chain (goal > outcomes > outputs); `indicators.write` at the top unit. */
export async function createObjective(ctx: Ctx, input: ObjectiveInput) {
  requirePermissionAt(ctx, 'indicators.write', await org.topUnitPath(ctx));
  return inTransaction(ctx, async (tx) => {
    const existing = await repo.listObjectives(tx.db, tx.tenantId);
    const parent = input.parentId ? existing.find((o) => o.id === input.parentId) : undefined;
    if (input.parentId && !parent) throw invalid('body.parentId', `No objective ${input.parentId}.`);
    const below: Record<string, string | undefined> = { goal: undefined, outcome: 'goal', output: 'outcome' };
    if ((parent?.level ?? undefined) !== below[input.level])
      throw invalid(
        'body.parentId',
        input.level === 'goal' ? 'A goal has no parent.' : `An ${input.level} sits under a ${below[input.level]}.`,
      );
    const row: repo.ObjectiveRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      parent_id: input.parentId,
      level: input.level,
      title: JSON.stringify(input.title),
      position: existing.length + 1,
      created_at: nowIso(),
    };
    await repo.insertObjective(tx.db, row);
    await recordAudit(tx.db, tx, 'logframe_objective.create', { type: 'logframe_objective', id: row.id }, null, input);
    return {
      id: row.id,
      parentId: row.parent_id,
      level: input.level,
      title: resolveText(input.title, tx.locale, tx.defaultLocale),
    };
  });
}
