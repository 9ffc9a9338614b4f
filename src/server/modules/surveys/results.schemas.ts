import { z } from 'zod';
import { QUESTION_TYPES } from './surveys.definition.ts';

const Resolved = z.object({ text: z.string(), locale: z.string(), fallback: z.boolean() });

export const BREAKDOWNS = ['sex', 'role', 'school_type'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const ResultsQuery = z.strictObject({
  unitId: z.string().min(1).max(64).optional().describe('A unit within the round; the round’s unit when absent.'),
  by: z.enum(BREAKDOWNS).optional().describe('Break the results down by sex, role or type of place.'),
});

export const QuestionResult = z.object({
  key: z.string(),
  type: z.enum(QUESTION_TYPES),
  /** Respondents who answered it. */
  answered: z.number().int(),
  /** single, likert, multiple: respondents per choice. */
  counts: z.record(z.string(), z.number().int()).nullable(),
  /** matrix: per row, respondents per point of the scale. */
  rows: z.record(z.string(), z.record(z.string(), z.number().int())).nullable(),
  number: z.object({ mean: z.number(), median: z.number() }).nullable(),
  /** Texts given, for those who manage surveys here and only where the unit is shown. */
  texts: z.array(z.string()).nullable(),
});
export type QuestionResult = z.infer<typeof QuestionResult>;

export const RoundResults = z.object({
  roundId: z.string(),
  title: Resolved,
  status: z.enum(['upcoming', 'open', 'closed']),
  unit: z.object({ id: z.string(), name: Resolved }),
  invited: z.number().int(),
  /** null when hidden (fewer than the minimum, or hidden so that others cannot be worked out). */
  respondents: z.number().int().nullable(),
  suppressed: z.boolean(),
  minimumGroup: z.number().int(),
  definition: z.unknown(),
  questions: z.array(QuestionResult),
  children: z.array(
    z.object({ unitId: z.string(), name: Resolved, respondents: z.number().int().nullable(), readable: z.boolean() }),
  ),
  breakdown: z
    .object({
      by: z.enum(BREAKDOWNS),
      hidden: z.boolean(),
      groups: z.array(z.object({ key: z.string(), respondents: z.number().int(), questions: z.array(QuestionResult) })),
    })
    .nullable(),
});
export type RoundResults = z.infer<typeof RoundResults>;
