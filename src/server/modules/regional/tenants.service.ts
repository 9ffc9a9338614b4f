import { everyLanguage, LOCALES } from '../../shared/catalogues.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import type { Tenant } from '../org/org.schemas.ts';
import * as org from '../org/org.service.ts';
import { CreateTenantBody, type CreateTenantInput, ISO_COUNTRIES, type TenantSummary } from './regional.schemas.ts';

type Base = Omit<Ctx, 'tenantId'>;

/** A country's levels until its administrator renames them: the usual four of a school system. */
const COUNTRY_LEVELS = ['nation', 'region', 'district', 'school'].map((level) =>
  everyLanguage(`messages.names.${level}`),
);
const OFFICE_LEVELS = [everyLanguage('messages.names.office')];

export function toSummary(tenant: Tenant): TenantSummary {
  return {
    id: tenant.id,
    code: tenant.code,
    name: tenant.name,
    country: tenant.country,
    kind: tenant.kind,
    defaultLocale: tenant.defaultLocale,
    locales: tenant.locales,
  };
}

/**
 * Creates a country (or a regional office) as a tenant with the top unit of its tree, for the
 * operator (CLI or operator API). The name is given in the first of its languages.
 */
export async function createTenant(base: Base, input: CreateTenantInput): Promise<TenantSummary> {
  const parsed = CreateTenantBody.safeParse(input);
  if (!parsed.success)
    throw new AppError('validation_failed', 'The tenant is not valid.', {
      issues: parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })),
    });
  const { code, name, locales, kind } = parsed.data;
  const country = parsed.data.country?.toUpperCase() ?? null;
  if (country !== null && !ISO_COUNTRIES.has(country))
    throw new AppError('unknown_country', `${country} is not an ISO 3166-1 alpha-2 country code.`, {
      field: 'country',
      country,
    });
  if (kind === 'country' && country === null)
    throw new AppError('unknown_country', 'A country tenant needs its ISO 3166-1 alpha-2 code.', { field: 'country' });
  const unknown = locales.filter((l) => !(LOCALES as readonly string[]).includes(l));
  if (unknown.length > 0)
    throw new AppError('unknown_locale', `Pathway has no catalogue for ${unknown.join(', ')}.`, {
      field: 'locales',
      locales: unknown,
      known: LOCALES,
    });
  if (await org.findTenantByCode(base, code))
    throw new AppError('tenant_code_taken', `A tenant with code ${code} exists.`, { field: 'code', code });
  const distinct = [...new Set(locales)];
  const defaultLocale = distinct[0]!;
  const { tenant } = await org.createTenant(base, {
    code,
    name: { [defaultLocale]: name },
    defaultLocale,
    locales: distinct,
    levelNames: kind === 'regional' ? OFFICE_LEVELS : COUNTRY_LEVELS,
    root:
      kind === 'regional'
        ? { type: 'office', code: code.toUpperCase(), name: { [defaultLocale]: name } }
        : { type: 'nation', code: country!, name: { [defaultLocale]: name } },
    country,
    kind,
  });
  return toSummary(tenant);
}

export async function listTenants(base: Base): Promise<TenantSummary[]> {
  return (await org.listTenants(base)).map(toSummary);
}
