import { z } from 'zod';
import { LOCALES } from '../../shared/catalogues.ts';
import { LocalizedTextSchema } from '../../shared/text.ts';

/** Officially assigned ISO 3166-1 alpha-2 codes. */
export const ISO_COUNTRIES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
    'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
    'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
    'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
    'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
    'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

export const TENANT_KINDS = ['country', 'regional'] as const;
export const TenantCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,31}$/, 'Use 2 to 32 letters, digits and hyphens.');

/** Strings, not enums: an unknown country or language is refused with its own error code, not a generic one. */
export const CreateTenantBody = z.strictObject({
  code: TenantCode,
  name: z.string().trim().min(1).max(200),
  country: z.string().trim().min(1).max(10).nullable().optional(),
  locales: z.array(z.string().trim().min(1).max(10)).min(1).max(LOCALES.length),
  kind: z.enum(TENANT_KINDS).default('country'),
});
export type CreateTenantInput = z.input<typeof CreateTenantBody>;

export const TenantSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: LocalizedTextSchema,
  country: z.string().nullable(),
  kind: z.enum(TENANT_KINDS),
  defaultLocale: z.string(),
  locales: z.array(z.string()),
});
export type TenantSummary = z.infer<typeof TenantSummary>;

export const DATASET_NAMES = ['indicators', 'competency_shares', 'survey_results'] as const;
export const DatasetSchema = z.enum(DATASET_NAMES);

export const Agreement = z.object({
  id: z.string(),
  grantee: z.object({ id: z.string(), code: z.string(), name: LocalizedTextSchema }),
  dataset: DatasetSchema,
  grantedAt: z.string(),
  /** Who granted and who revoked it (their names), while their accounts exist. */
  grantedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  active: z.boolean(),
});
export type Agreement = z.infer<typeof Agreement>;

export const SharingOverview = z.object({
  /** The regional offices a country can share with, and which datasets each holds now. */
  regionalTenants: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: LocalizedTextSchema,
      shared: z.array(
        z.object({
          agreementId: z.string(),
          dataset: DatasetSchema,
          grantedAt: z.string(),
          /** Who granted it (their name), when the account still exists. */
          grantedBy: z.string().nullable(),
        }),
      ),
    }),
  ),
  /** Every grant and revoke, newest first. */
  history: z.array(Agreement),
});

export const GrantBody = z.strictObject({ granteeTenantId: z.string().min(1), dataset: DatasetSchema });
export const AgreementParams = z.object({ agreementId: z.string().min(1) });

const Relation = z.enum(['exact_match', 'broader', 'narrower', 'related']);

export const ComparisonQuery = z.strictObject({
  period: z.coerce.number().int().min(2000).max(2100),
});

export const Comparison = z.object({
  period: z.number().int(),
  reference: z.object({ identifier: z.string(), title: LocalizedTextSchema }),
  /** The reference's competencies, in its order: the columns (or, on a phone, the rows) of the table. */
  competencies: z.array(z.object({ identifier: z.string(), code: z.string(), title: LocalizedTextSchema })),
  /**
   * The countries whose ministry shares competency shares with this office now (`live` this year,
   * `recorded` for a closed year the country recorded), and those on other installations whose signed
   * package for the period this office holds (`package`).
   */
  countries: z.array(
    z.object({
      code: z.string(),
      source: z.enum(['live', 'recorded', 'package']),
      /** When the figures were computed: now for live ones, the package's own time otherwise. */
      generatedAt: z.string(),
      iso: z.string().nullable(),
      name: LocalizedTextSchema,
      coverage: z.object({ mapped: z.number().int(), total: z.number().int() }).nullable(),
      target: z.object({ levelCode: z.string(), title: LocalizedTextSchema }).nullable(),
      cells: z.array(
        z.object({
          identifier: z.string(),
          /** Share of the nation's teachers at or above the country's target; null when hidden or not mapped. */
          share: z.number().nullable(),
          teachers: z.number().int().nullable(),
          suppressed: z.boolean(),
          mapped: z.array(z.object({ code: z.string(), relation: Relation })),
          /** Where the mapping is not an exact match: how the country's competencies relate to this one. */
          caveats: z.array(Relation.exclude(['exact_match'])),
        }),
      ),
    }),
  ),
});
export type Comparison = z.infer<typeof Comparison>;

/** Each country's mean share at or above its target over the mapped reference competencies, by year. */
export const CountryTrends = z.object({
  years: z.array(z.number().int()),
  countries: z.array(
    z.object({
      code: z.string(),
      iso: z.string().nullable(),
      name: LocalizedTextSchema,
      points: z.array(
        z.object({
          year: z.number().int(),
          source: z.enum(['live', 'recorded', 'package']),
          /** Reference competencies the country's crosswalk maps that year. */
          mapped: z.number().int(),
          /** Null where a mapped cell is hidden or nothing is mapped. */
          meanShare: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export type CountryTrends = z.infer<typeof CountryTrends>;
