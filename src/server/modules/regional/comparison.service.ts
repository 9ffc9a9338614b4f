import { requireScope } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import * as org from '../org/org.service.ts';
import { type CountryAggregates, countryAggregates } from './aggregates.ts';
import { sharedWith } from './agreements.service.ts';
import { heldPackages } from './exchange.ts';
import { REFERENCE_CASE_IDENTIFIER, referenceOutline } from './reference.ts';
import type { Comparison } from './regional.schemas.ts';

type Caveat = Comparison['countries'][number]['cells'][number]['caveats'][number];

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
  const sources: { figures: CountryAggregates; source: 'live' | 'package' }[] = [];
  // Live figures are today's: they stand for this year only. An earlier year is read from the
  // packages of that year (snapshots signed when the year was exported), never from today's figures.
  const live = query.period === new Date().getUTCFullYear() ? await sharedWith(ctx) : new Map();
  for (const [tenantId, datasets] of live) {
    if (!datasets.has('competency_shares')) continue;
    const figures = await countryAggregates(database, tenantId, {
      period: query.period,
      referenceIdentifier: REFERENCE_CASE_IDENTIFIER,
      datasets: [...datasets],
    });
    sources.push({ figures, source: 'live' });
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
