import type {
  DISAGGREGATIONS as ServerDisaggregations,
  FACTORS as ServerFactors,
  STATUSES as ServerStatuses,
} from '../../server/modules/monitoring/indicators.schemas.ts';
import type { FactSpec, Indicator } from '../api/types.ts';
import { formatNumber, formatPercent } from '../i18n/index.ts';

// Copies of the server's lists (its schema file loads zod); the types keep them equal.
export const FACTORS: typeof ServerFactors = ['percent', 'per_thousand', 'count'];
export const STATUSES: typeof ServerStatuses = [
  'on_track',
  'at_risk',
  'off_track',
  'no_target',
  'no_data',
  'suppressed',
];
export const DISAGGREGATIONS: typeof ServerDisaggregations = ['sex', 'locality', 'school_type', 'org_level'];
export const FACTS: FactSpec['fact'][] = [
  'teachers',
  'self_assessed',
  'at_level',
  'trained',
  'cpd_hours',
  'plan_agreed',
  'coached',
  'coaching_visits',
  'observed',
  'observed_student_centred',
  'in_cycle',
  'follow_through_done',
  'follow_through_on_time',
  'designs_shared',
  'used_library',
  'schools',
  'schools_with_plan',
  'schools_with_partner',
  'survey_respondents',
  'survey_answered',
];

/**
 * Groups smaller than this are never shown (the server decides; this only names the threshold where
 * a response does not carry it, as the logframe's does not).
 */
export const MINIMUM_GROUP = 5;

export type Factor = (typeof FACTORS)[number];
export type Status = (typeof STATUSES)[number];
export type Resolved = { text: string; locale: string; fallback: boolean };
/** One decimal at most: figures are read by people, not recomputed. */
function rounded(value: number): string {
  return formatNumber(Math.round(value * 10) / 10);
}

/** A percentage placed as the reader's language places it ("45%", "45 %"), Nepali in Devanagari digits. */
export function percentText(value: number): string {
  return formatPercent(value);
}

/** A figure in its indicator's factor, as the reader's language writes it ("45%", "12 per 1,000", "310"). */
export function figureText(
  t: (key: string, options?: Record<string, unknown>) => string,
  value: number | null | undefined,
  factor: Factor,
): string {
  if (value === null || value === undefined) return '—';
  if (factor === 'count') return rounded(value);
  if (factor === 'percent') return percentText(value);
  return t('monitoring.indicators.valueIn.per_thousand', { value: rounded(value) });
}

/** A share 0..1 as a whole percentage. */
export function shareText(share: number | null): string {
  return share === null ? '—' : percentText(Math.round(share * 100));
}

/** A year as the reader's language writes it (its digits, no grouping separator). */
export function yearText(year: number): string {
  return formatNumber(year).replace(/[^0-9\u0966-\u096f]/g, '');
}

/** Years to choose from: the roadmap's years and this one, without gaps. */
export function yearChoices(years: number[], current: number): number[] {
  const all = [...years, current, new Date().getFullYear()];
  const from = Math.min(...all);
  const to = Math.max(...all);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The LocalizedText maps an indicator was written with, for editing. */
export function editableCopy(indicator: Indicator) {
  return {
    code: indicator.code,
    name: { ...indicator.source.name },
    definition: { ...indicator.source.definition },
    meansOfVerification: { ...indicator.source.meansOfVerification },
    numerator: indicator.numerator,
    denominator: indicator.denominator,
    factor: indicator.factor,
    disaggregations: [...indicator.disaggregations],
    legend: { ...indicator.legend },
    objectiveId: indicator.objectiveId,
  };
}
