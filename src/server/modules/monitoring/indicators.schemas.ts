import { z } from 'zod';
import { LocalizedTextSchema } from '../../shared/text.ts';
import { SEXES } from './monitoring.schemas.ts';

const Id = z.string().min(1).max(64);
const SurveyCode = z.string().min(1).max(64).describe('The code of a questionnaire (all its versions share it).');
const Resolved = z.object({ text: z.string(), locale: z.string(), fallback: z.boolean() });

/**
 * What an indicator counts, over Pathway's facts. Teacher facts count teachers; `cpd_hours`,
 * `coaching_visits`, `follow_through_done`, `follow_through_on_time` and `designs_shared` sum amounts;
 * `used_library` counts teachers who reported using a library resource in class; `observed` and
 * `observed_student_centred` count teachers observed this term (the second: students
 * used ICT and the lesson stood at 3 or more of the 4-step student-centredness scale); school facts
 * count schools. Competency facts read the live competency figures: an aspect counts
 * a teacher whose every competency of the aspect stands at the level or above. Survey facts count the
 * respondents of a questionnaire's round (by its code: every version shares it), read from the answers
 * when asked and placed by where each respondent worked when answering: the latest round of the code
 * that has opened (greatest `opens_on`) unless `roundId` pins one. `survey_respondents` counts them all,
 * `survey_answered` those whose answer to `questionKey` (for a matrix, its row `item`; for a multiple
 * choice, any option chosen) is one of `values`. Their population, what suppression weighs, is the
 * round's respondents, not the teachers.
 */
export const FactSpec = z.discriminatedUnion('fact', [
  z.strictObject({ fact: z.literal('teachers') }),
  z.strictObject({ fact: z.literal('self_assessed') }),
  z.strictObject({
    fact: z.literal('at_level'),
    itemId: Id.describe('A competency or an aspect of a published standard.'),
    levelCode: z.string().min(1).max(32),
    basis: z.enum(['confirmed', 'self']).default('confirmed'),
  }),
  z.strictObject({
    fact: z.literal('trained'),
    moduleId: Id.optional(),
    programmeId: Id.optional(),
  }),
  z.strictObject({ fact: z.literal('cpd_hours') }),
  z.strictObject({ fact: z.literal('plan_agreed') }),
  z.strictObject({ fact: z.literal('coached') }),
  z.strictObject({ fact: z.literal('coaching_visits') }),
  // Classroom practice, this term (calendar thirds, see practice.constants.ts termOf).
  z.strictObject({ fact: z.literal('observed') }),
  z.strictObject({ fact: z.literal('observed_student_centred') }),
  z.strictObject({ fact: z.literal('in_cycle') }),
  z.strictObject({ fact: z.literal('follow_through_done') }),
  z.strictObject({ fact: z.literal('follow_through_on_time') }),
  z.strictObject({ fact: z.literal('designs_shared') }),
  z.strictObject({ fact: z.literal('used_library') }),
  // Schools (org units of type school) rather than teachers: read from the tree when asked.
  z.strictObject({ fact: z.literal('schools') }),
  z.strictObject({ fact: z.literal('schools_with_plan') }),
  z.strictObject({ fact: z.literal('schools_with_partner') }),
  // Survey results: respondents of a round, read from the answers when asked.
  z.strictObject({
    fact: z.literal('survey_respondents'),
    surveyCode: SurveyCode,
    roundId: Id.optional().describe('A round of the questionnaire; the latest that has opened when absent.'),
  }),
  z.strictObject({
    fact: z.literal('survey_answered'),
    surveyCode: SurveyCode,
    roundId: Id.optional().describe('A round of the questionnaire; the latest that has opened when absent.'),
    questionKey: z.string().min(1).max(40),
    values: z.array(z.string().min(1).max(40)).min(1).max(30).describe('Answers (choice values) that count.'),
    item: z.string().min(1).max(40).optional().describe('The row of a matrix question.'),
  }),
]);
/** Facts that count schools, not teachers: they have no split by sex. */
export const SCHOOL_FACTS = ['schools', 'schools_with_plan', 'schools_with_partner'] as const;
export type FactSpec = z.infer<typeof FactSpec>;
/** Facts read from a questionnaire's answers: they count respondents, not teachers. */
export const SURVEY_FACTS = ['survey_respondents', 'survey_answered'] as const;

export const FACTORS = ['percent', 'per_thousand', 'count'] as const;
export const DISAGGREGATIONS = ['sex', 'locality', 'school_type', 'org_level'] as const;

export const Legend = z
  .strictObject({
    onTrack: z.number().min(0).max(2).describe('Actual / target at or above this is on track.'),
    atRisk: z.number().min(0).max(2).describe('At or above this (and below onTrack) is at risk; below is off track.'),
  })
  .refine((l) => l.atRisk <= l.onTrack, { message: 'atRisk must not exceed onTrack', path: ['atRisk'] });

export const IndicatorInput = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'letters, digits, dot, dash or underscore; at most 32'),
  name: LocalizedTextSchema,
  definition: LocalizedTextSchema,
  numerator: FactSpec,
  denominator: FactSpec.nullable().default(null),
  factor: z.enum(FACTORS),
  disaggregations: z.array(z.enum(DISAGGREGATIONS)).default(['sex', 'org_level']),
  legend: Legend.default({ onTrack: 0.95, atRisk: 0.8 }),
  objectiveId: Id.nullable().default(null),
  meansOfVerification: LocalizedTextSchema,
});
export type IndicatorInput = z.infer<typeof IndicatorInput>;

export const Indicator = z.object({
  id: z.string(),
  code: z.string(),
  name: Resolved,
  definition: Resolved,
  source: z.object({
    name: LocalizedTextSchema,
    definition: LocalizedTextSchema,
    meansOfVerification: LocalizedTextSchema,
  }),
  numerator: FactSpec,
  denominator: FactSpec.nullable(),
  factor: z.enum(FACTORS),
  disaggregations: z.array(z.enum(DISAGGREGATIONS)),
  legend: z.object({ onTrack: z.number(), atRisk: z.number() }),
  objectiveId: z.string().nullable(),
  meansOfVerification: Resolved,
});
export type Indicator = z.infer<typeof Indicator>;

export const TargetsInput = z.strictObject({
  unitId: Id,
  baseline: z.strictObject({ year: z.number().int().min(2000).max(2100), value: z.number().min(0) }).nullable(),
  targets: z
    .array(z.strictObject({ year: z.number().int().min(2000).max(2100), value: z.number().min(0) }))
    .max(50)
    .refine((t) => new Set(t.map((x) => x.year)).size === t.length, { message: 'one target per year' }),
});
export type TargetsInput = z.infer<typeof TargetsInput>;

/** `no_data`: a past year whose figures were not recorded. */
export const STATUSES = ['on_track', 'at_risk', 'off_track', 'no_target', 'no_data', 'suppressed'] as const;

const Figure = z.object({
  /** The indicator's value in its factor (percent 0-100, per thousand, or a count); null when suppressed. */
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  suppressed: z.boolean(),
});
export type Figure = z.infer<typeof Figure>;

const Target = z.object({
  year: z.number().int(),
  value: z.number(),
  /** Which unit set it: the unit itself or the nearest unit above. */
  setBy: z.object({ unitId: z.string(), name: Resolved }),
});

export const IndicatorFigures = z.object({
  indicator: Indicator,
  current: Figure,
  target: Target.nullable(),
  baseline: z.object({ year: z.number().int(), value: z.number() }).nullable(),
  status: z.enum(STATUSES),
  /** Baseline, each recorded year, this year live, and every target year: the progress line. */
  timeline: z.array(
    z.object({
      year: z.number().int(),
      actual: z.number().nullable(),
      target: z.number().nullable(),
      source: z.enum(['baseline', 'recorded', 'live', 'none']),
    }),
  ),
  /** Each unit below with its figure and the target in effect there (its own or inherited). */
  children: z.array(
    z.object({
      unitId: z.string(),
      name: Resolved,
      figure: Figure,
      target: Target.nullable(),
      status: z.enum(STATUSES),
    }),
  ),
  breakdowns: z.array(
    z.object({
      by: z.enum(['sex', 'locality', 'school_type']),
      /** Group keys: female/male/unknown; urban/rural/unknown; school/tei/resource_centre; `other` = teachers placed elsewhere. */
      groups: z.array(z.object({ key: z.string(), figure: Figure })),
    }),
  ),
});
export type IndicatorFigures = z.infer<typeof IndicatorFigures>;

export const IndicatorDashboardQuery = z.strictObject({
  unitId: Id.optional().describe('The unit to look at; the top of your reporting scope when absent.'),
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('The roadmap year; this year when absent.'),
  sex: z.enum(SEXES).optional(),
});
export type IndicatorDashboardQuery = z.infer<typeof IndicatorDashboardQuery>;

export const IndicatorDashboard = z.object({
  unit: z.object({ id: z.string(), name: Resolved, type: z.string(), hasChildren: z.boolean() }),
  ancestors: z.array(z.object({ id: z.string(), name: Resolved })),
  year: z.number().int(),
  sex: z.enum(SEXES).nullable(),
  minimumGroup: z.number().int(),
  indicators: z.array(IndicatorFigures),
});
export type IndicatorDashboard = z.infer<typeof IndicatorDashboard>;

export const ObjectiveInput = z.strictObject({
  parentId: Id.nullable().default(null),
  level: z.enum(['goal', 'outcome', 'output']),
  title: LocalizedTextSchema,
});
export type ObjectiveInput = z.infer<typeof ObjectiveInput>;

export const Objective = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: z.enum(['goal', 'outcome', 'output']),
  title: Resolved,
});

export const RecordActualsInput = z.strictObject({ year: z.number().int().min(2000).max(2100) });

export const TargetsView = z.object({
  unitId: z.string(),
  baseline: z.object({ year: z.number().int(), value: z.number() }).nullable(),
  targets: z.array(z.object({ year: z.number().int(), value: z.number() })),
  effective: z.array(
    z.object({
      year: z.number().int(),
      value: z.number(),
      setBy: z.object({ unitId: z.string(), name: Resolved }),
    }),
  ),
});

export const Alignment = z.object({
  unit: z.object({ id: z.string(), name: Resolved }),
  frameworkId: z.string(),
  target: z.object({ levelCode: z.string(), title: Resolved }),
  goals: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      title: Resolved,
      competencies: z.array(
        z.object({ itemId: z.string(), code: z.string(), title: Resolved, share: z.number().nullable() }),
      ),
    }),
  ),
  unservedGoals: z.array(z.object({ id: z.string(), code: z.string(), title: Resolved })),
});
export type Alignment = z.infer<typeof Alignment>;

export const Logframe = z.object({
  unit: z.object({ id: z.string(), name: Resolved }),
  year: z.number().int(),
  objectives: z.array(
    z.object({
      id: z.string(),
      parentId: z.string().nullable(),
      level: z.enum(['goal', 'outcome', 'output']),
      title: Resolved,
      indicators: z.array(
        z.object({
          indicatorId: z.string(),
          code: z.string(),
          name: Resolved,
          factor: z.enum(FACTORS),
          baseline: z.object({ year: z.number().int(), value: z.number() }).nullable(),
          target: z.object({ year: z.number().int(), value: z.number() }).nullable(),
          actual: z.number().nullable(),
          status: z.enum(STATUSES),
          meansOfVerification: Resolved,
        }),
      ),
    }),
  ),
});
export type Logframe = z.infer<typeof Logframe>;
