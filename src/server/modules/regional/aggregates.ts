import type { Database } from '../../db/database.ts';
import { type Ctx, systemBase } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { nowIso, thisYear } from '../../shared/ids.ts';
import type { LocalizedText } from '../../shared/text.ts';
import { loadStandard } from '../assessment/assessment.standard.ts';
import { getCrosswalk } from '../frameworks/crosswalks.service.ts';
import { currentVersions } from '../frameworks/frameworks.versions.repo.ts';
import { competencyDashboard } from '../monitoring/dashboard.service.ts';
import { indicatorDashboard } from '../monitoring/indicators.figures.ts';
import type { Tenant } from '../org/org.schemas.ts';
import { toTenant } from '../org/org.service.ts';
import { roundResults } from '../surveys/results.service.ts';
import { roundStatus } from '../surveys/rounds.service.ts';

/**
 * What a country shares beyond itself: figures about groups, never about a person. Everything here
 * is read through the same reports its own officers see, so suppression below MINIMUM_GROUP is
 * decided once, by the same rule, and a package or a regional screen can never show a group the
 * country's own dashboard hides.
 */

export const DATASETS = ['indicators', 'competency_shares', 'survey_results'] as const;
export type Dataset = (typeof DATASETS)[number];
type Relation = 'exact_match' | 'broader' | 'narrower' | 'related';

export interface AggregateUnit {
  code: string;
  name: LocalizedText;
  type: string;
}

export interface ReferenceShare {
  referenceItem: { identifier: string; code: string; title: LocalizedText };
  /** The country's competencies mapped to it and how; empty when it is not mapped. */
  mapped: { code: string; relation: Relation }[];
  /** The nation, then each region. */
  unit: AggregateUnit;
  teachers: number | null;
  /** Teachers at or above the country's target; only when one competency is mapped (else the share is a mean). */
  atTarget: number | null;
  share: number | null;
  suppressed: boolean;
}

export interface AggregateFigure {
  unit: AggregateUnit;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  suppressed: boolean;
}

export interface IndicatorAggregate {
  code: string;
  name: LocalizedText;
  factor: string;
  baseline: { year: number; value: number } | null;
  timeline: { year: number; actual: number | null; target: number | null }[];
  /** The nation, then each region. */
  figures: AggregateFigure[];
}

export interface SurveyAggregate {
  round: string;
  title: LocalizedText;
  closesOn: string;
  respondents: number | null;
  suppressed: boolean;
  /** Per question the respondents per choice (or per matrix row and point), and number summaries; never texts. */
  questions: {
    key: string;
    type: string;
    answered: number;
    counts: Record<string, number> | null;
    rows: Record<string, Record<string, number>> | null;
    number: { mean: number; median: number } | null;
  }[];
}

export interface CountryAggregates {
  format: 'pathway-aggregates/1';
  country: { code: string; iso: string | null; name: LocalizedText };
  period: number;
  generatedAt: string;
  /** The reference the shares are mapped to, with how many of its competencies the country maps. */
  reference: { identifier: string; title: LocalizedText; mapped: number; total: number } | null;
  target: { levelCode: string; title: LocalizedText } | null;
  competencyShares: ReferenceShare[];
  indicators: IndicatorAggregate[];
  surveys: SurveyAggregate[];
}

export interface AggregateOptions {
  period: number;
  referenceIdentifier: string;
  datasets?: readonly Dataset[];
}

/** The system inside one country: aggregates are computed over the whole country, then suppressed. */
async function countryCtx(database: Database, tenantId: string): Promise<{ ctx: Ctx; tenant: Tenant }> {
  const base = systemBase(database);
  const row = await database.db.selectFrom('tenant').selectAll().where('id', '=', tenantId).executeTakeFirstOrThrow();
  const tenant = toTenant(row);
  return { ctx: { ...base, tenantId, locale: tenant.defaultLocale, defaultLocale: tenant.defaultLocale }, tenant };
}

async function rootUnit(ctx: Ctx) {
  return ctx.db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'type', 'path'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
}

async function unitsById(ctx: Ctx, ids: string[]): Promise<Map<string, AggregateUnit>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'type'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { code: r.code ?? r.id, name: JSON.parse(r.name), type: r.type }]));
}

export async function countryAggregates(
  database: Database,
  tenantId: string,
  options: AggregateOptions,
): Promise<CountryAggregates> {
  const { ctx, tenant } = await countryCtx(database, tenantId);
  const datasets = new Set(options.datasets ?? DATASETS);
  const shares = datasets.has('competency_shares')
    ? await competencyShares(ctx, options.referenceIdentifier, options.period)
    : { reference: null, target: null, shares: [] };
  return {
    format: 'pathway-aggregates/1',
    country: { code: tenant.code, iso: tenant.country, name: tenant.name },
    period: options.period,
    generatedAt: nowIso(),
    reference: shares.reference,
    target: shares.target,
    competencyShares: shares.shares,
    indicators: datasets.has('indicators') ? await indicatorAggregates(ctx, options.period) : [],
    surveys: datasets.has('survey_results') ? await surveyAggregates(ctx, options.period) : [],
  };
}

/**
 * Shares of teachers at or above the country's target in each reference competency, at the nation and
 * each region, through the crosswalk from the country's standard. A reference competency that several
 * national ones map to gets their mean share; one whose national cell is hidden is hidden. This year
 * is read live; a closed year as the country recorded it (of the version recorded then, through that
 * version's crosswalk), and a year it did not record has no shares.
 */
async function competencyShares(ctx: Ctx, referenceIdentifier: string, period: number) {
  const none = { reference: null, target: null, shares: [] as ReferenceShare[] };
  const reference = await ctx.db
    .selectFrom('framework')
    .select(['id', 'title'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('case_identifier', '=', referenceIdentifier)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!reference) return none;
  // The country's own standard: its newest published version that is not the reference itself.
  const national = (await currentVersions(ctx.db, ctx.tenantId)).find((f) => f.case_identifier !== referenceIdentifier);
  if (!national) return none;
  const root = await rootUnit(ctx);
  const board = await competencyDashboard(ctx, {
    unitId: root.id,
    frameworkId: national.id,
    basis: 'confirmed',
    ...(period < thisYear() ? { year: period } : {}),
  }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'year_not_recorded') return null;
    throw e;
  });
  if (!board) return none;
  const standard = await loadStandard(ctx, board.frameworkId);
  const crosswalk = await getCrosswalk(ctx, reference.id, standard.framework.id);
  // In the reference's own order: aspect by aspect (positions count within a parent).
  const referenceItems = await ctx.db
    .selectFrom('framework_item as i')
    .leftJoin('framework_item as parent', (j) =>
      j.onRef('parent.tenant_id', '=', 'i.tenant_id').onRef('parent.id', '=', 'i.parent_id'),
    )
    .select(['i.id', 'i.code', 'i.title', 'i.case_identifier'])
    .where('i.tenant_id', '=', ctx.tenantId)
    .where('i.framework_id', '=', reference.id)
    .where('i.type', '=', 'competency')
    .orderBy('parent.position')
    .orderBy('i.position')
    .execute();
  const nationalCode = new Map(standard.competencies.map((c) => [c.id, c.code]));
  // Seen from the reference: "broader" says the reference item is broader than the national one.
  const mappedTo = new Map<string, { itemId: string; code: string; relation: Relation }[]>();
  for (const link of crosswalk.links) {
    const code = nationalCode.get(link.to.id);
    if (code === undefined) continue;
    const list = mappedTo.get(link.from.id) ?? [];
    list.push({ itemId: link.to.id, code, relation: link.relation });
    mappedTo.set(link.from.id, list);
  }

  const rows = [board.unit, ...board.rows];
  const units = await unitsById(
    ctx,
    rows.map((r) => r.unitId),
  );
  const shares: ReferenceShare[] = [];
  for (const item of referenceItems) {
    const mapped = mappedTo.get(item.id) ?? [];
    for (const row of rows) {
      const cells = mapped.map((m) => row.cells.find((c) => c.itemId === m.itemId));
      const hidden = row.suppressed || cells.some((c) => !c || c.share === null);
      const share = mapped.length === 0 || hidden ? null : cells.reduce((sum, c) => sum + c!.share!, 0) / cells.length;
      shares.push({
        referenceItem: { identifier: item.case_identifier, code: item.code, title: JSON.parse(item.title) },
        mapped: mapped.map(({ code, relation }) => ({ code, relation })),
        unit: units.get(row.unitId)!,
        teachers: row.teachers,
        atTarget: mapped.length === 1 && !hidden ? cells[0]!.atTarget : null,
        share,
        suppressed: row.suppressed || (mapped.length > 0 && hidden),
      });
    }
  }
  const levelTitle = standard.framework.levels.find((l) => l.code === board.target.levelCode)!.title;
  return {
    reference: {
      identifier: referenceIdentifier,
      title: JSON.parse(reference.title) as LocalizedText,
      mapped: referenceItems.filter((i) => mappedTo.has(i.id)).length,
      total: referenceItems.length,
    },
    target: { levelCode: board.target.levelCode, title: levelTitle },
    shares,
  };
}

/** Every indicator at the nation and each region, for the period, with its progress line. */
async function indicatorAggregates(ctx: Ctx, period: number): Promise<IndicatorAggregate[]> {
  const root = await rootUnit(ctx);
  const board = await indicatorDashboard(ctx, { unitId: root.id, year: period });
  const units = await unitsById(ctx, [
    root.id,
    ...new Set(board.indicators.flatMap((i) => i.children.map((c) => c.unitId))),
  ]);
  return board.indicators.map((figures) => ({
    code: figures.indicator.code,
    name: figures.indicator.source.name,
    factor: figures.indicator.factor,
    baseline: figures.baseline,
    timeline: figures.timeline.map(({ year, actual, target }) => ({ year, actual, target })),
    figures: [
      { unitId: root.id, figure: figures.current, target: figures.target },
      ...figures.children.map((c) => ({ unitId: c.unitId, figure: c.figure, target: c.target })),
    ].map(({ unitId, figure, target }) => ({
      unit: units.get(unitId)!,
      value: figure.value,
      numerator: figure.numerator,
      denominator: figure.denominator,
      target: target?.value ?? null,
      suppressed: figure.suppressed,
    })),
  }));
}

/** National survey rounds that closed in the period: respondents and answer counts, never texts. */
async function surveyAggregates(ctx: Ctx, period: number): Promise<SurveyAggregate[]> {
  const root = await rootUnit(ctx);
  const rounds = await ctx.db
    .selectFrom('survey_round')
    .select(['id', 'title', 'status', 'opens_on', 'closes_on'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('unit_id', '=', root.id)
    .where('closes_on', '>=', `${period}-01-01`)
    .where('closes_on', '<=', `${period}-12-31`)
    .orderBy('closes_on')
    .orderBy('id')
    .execute();
  const closed = rounds.filter((r) => roundStatus(r) === 'closed');
  const result: SurveyAggregate[] = [];
  for (const round of closed) {
    const results = await roundResults(ctx, round.id, {});
    result.push({
      round: round.id,
      title: JSON.parse(round.title),
      closesOn: round.closes_on,
      respondents: results.respondents,
      suppressed: results.suppressed,
      questions: results.suppressed
        ? []
        : results.questions.map(({ key, type, answered, counts, rows, number }) => ({
            key,
            type,
            answered,
            counts,
            rows,
            number,
          })),
    });
  }
  return result;
}
