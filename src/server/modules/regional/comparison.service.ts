import { requireScope } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { thisYear } from '../../shared/ids.ts';
import * as org from '../org/org.service.ts';
import { type CountryAggregates, countryAggregates } from './aggregates.ts';
import { sharedWith } from './agreements.service.ts';
import { heldPackages } from './exchange.ts';
import { REFERENCE_CASE_IDENTIFIER, referenceOutline } from './reference.ts';
import type { Comparison, CountryTrends } from './regional.schemas.ts';

type Caveat = Comparison['countries'][number]['cells'][number]['caveats'][number];
type Source = Comparison['countries'][number]['source'];

/**
 * Countries by reference competencies, for a regional office: each country that shares its
 * competency shares with the office now, read through its own crosswalk to the reference and its own
 * suppression. A country that does not share is absent (never a zero), and a revoke takes it off the
 * next answer: nothing is copied or cached on the regional side.
 */
export async function compareCountries(ctx: Ctx, query: { period: number }): Promise<Comparison> {
  requireScope(ctx, 'regional.read');
  const office = await org.getTenant(ctx);
  if (office.kind !== 'regional')
    throw new AppError('not_regional_tenant', 'Only a regional office compares countries.', {});
  const outline = referenceOutline();
  const database = { db: ctx.db, dialect: ctx.dialect, close: async () => {} };
  const countries: Comparison['countries'] = [];
  const sources: { figures: CountryAggregates; source: Source }[] = [];
  // A country sharing now is read from its own figures: today's for this year, and an earlier year
  // as it recorded that year when it closed (never today's figures under an old year's label). A
  // year it did not record is left to the packages.
  for (const [tenantId, datasets] of await sharedWith(ctx)) {
    if (!datasets.has('competency_shares')) continue;
    const figures = await countryAggregates(database, tenantId, {
      period: query.period,
      referenceIdentifier: REFERENCE_CASE_IDENTIFIER,
      // The comparison reads the shares only; indicators and surveys are for packages.
      datasets: ['competency_shares'],
    });
    if (figures.reference) sources.push({ figures, source: query.period < thisYear() ? 'recorded' : 'live' });
  }
  // Countries on other installations, by the signed packages held for the period (verified on import).
  for (const pkg of await heldPackages(ctx))
    if (
      pkg.aggregates.period === query.period &&
      pkg.aggregates.reference?.identifier === REFERENCE_CASE_IDENTIFIER &&
      !sources.some((s) => s.figures.country.code === pkg.aggregates.country.code)
    )
      sources.push({ figures: pkg.aggregates, source: 'package' });
  for (const { figures, source } of sources) {
    // The nation's row of each reference competency (regions follow it in the figures).
    const national = new Map<string, (typeof figures.competencyShares)[number]>();
    for (const share of figures.competencyShares)
      if (!national.has(share.referenceItem.identifier)) national.set(share.referenceItem.identifier, share);
    countries.push({
      code: figures.country.code,
      source,
      generatedAt: figures.generatedAt,
      iso: figures.country.iso,
      name: figures.country.name,
      coverage: figures.reference ? { mapped: figures.reference.mapped, total: figures.reference.total } : null,
      target: figures.target,
      cells: outline.competencies.map(({ identifier }) => {
        const share = national.get(identifier);
        const mapped = share?.mapped ?? [];
        return {
          identifier,
          share: share?.share ?? null,
          teachers: share?.teachers ?? null,
          suppressed: share?.suppressed ?? false,
          mapped,
          caveats: [...new Set(mapped.map((m) => m.relation).filter((r): r is Caveat => r !== 'exact_match'))],
        };
      }),
    });
  }
  countries.sort((a, b) => a.code.localeCompare(b.code));
  return { period: query.period, reference: outline.reference, competencies: outline.competencies, countries };
}

/**
 * Each country over the years, for a regional office: the mean share at or above the country's target
 * over the reference competencies its crosswalk maps, at the nation, in every year the comparison can
 * show (a sharing country's recorded years and this one, and every period of a held package). Each
 * point is that year's comparison, so the two never disagree; a year with a hidden or unmapped cell
 * has no mean (a mean over the shown cells would let the hidden one be worked out).
 */
export async function countryTrends(ctx: Ctx): Promise<CountryTrends> {
  requireScope(ctx, 'regional.read');
  const now = thisYear();
  const periods = new Set([now]);
  for (const pkg of await heldPackages(ctx)) periods.add(pkg.aggregates.period);
  for (const year of await recordedYearsOfSharing(ctx)) periods.add(year);
  const years = [...periods].filter((y) => y <= now).sort((a, b) => a - b);
  const boards = [];
  for (const period of years) boards.push(await compareCountries(ctx, { period }));
  const byCode = new Map<string, CountryTrends['countries'][number]>();
  for (const board of boards)
    for (const country of board.countries) {
      const trend = byCode.get(country.code) ?? {
        code: country.code,
        iso: country.iso,
        name: country.name,
        points: [],
      };
      byCode.set(country.code, trend);
      const mapped = country.cells.filter((c) => c.mapped.length > 0);
      const hidden = mapped.some((c) => c.share === null);
      trend.points.push({
        year: board.period,
        source: country.source,
        mapped: mapped.length,
        meanShare: mapped.length === 0 || hidden ? null : mapped.reduce((sum, c) => sum + c.share!, 0) / mapped.length,
      });
    }
  return { years, countries: [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code)) };
}

/** The closed years recorded by the countries that share their competency shares with this office now. */
async function recordedYearsOfSharing(ctx: Ctx): Promise<number[]> {
  const tenantIds = [...(await sharedWith(ctx))].filter(([, d]) => d.has('competency_shares')).map(([id]) => id);
  if (tenantIds.length === 0) return [];
  // A read across tenants by design: only the years, of countries that share now.
  const rows = await ctx.db
    .selectFrom('competency_year')
    .select('year')
    .distinct()
    .where('tenant_id', 'in', tenantIds)
    .execute();
  return rows.map((r) => r.year);
}
