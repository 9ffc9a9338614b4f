import { z } from 'zod';
import { Paired } from './evaluation.schemas.ts';
import { QUESTION_TYPES } from './surveys.definition.ts';

const Id = z.string().min(1).max(64);
const Resolved = z.object({ text: z.string(), locale: z.string(), fallback: z.boolean() });

export const CompareQuery = z.strictObject({
  with: Id.describe('The other round: of the same questionnaire (any version).'),
  unitId: Id.optional().describe('A unit within both rounds; the first round’s unit when absent.'),
});

const Side = z.object({
  id: z.string(),
  title: Resolved,
  opensOn: z.string(),
  /** null when hidden (fewer than the minimum, or hidden so that others cannot be worked out). */
  respondents: z.number().int().nullable(),
});

/** One choice (or matrix row, at its top two points) in both rounds: shares 0..1, change in percentage points. */
const ComparedItem = z.object({
  value: z.string(),
  label: Resolved,
  before: z.number().nullable(),
  after: z.number().nullable(),
  change: z.number().nullable(),
});

export const RoundComparison = z.object({
  unit: z.object({ id: z.string(), name: Resolved }),
  /** The round that opened first, and the one after it. */
  before: Side,
  after: Side,
  minimumGroup: z.number().int(),
  questions: z.array(
    z.object({
      key: z.string(),
      type: z.enum(QUESTION_TYPES),
      text: Resolved,
      items: z.array(ComparedItem),
      /** number questions: the mean in each round. */
      mean: z.object({ before: z.number().nullable(), after: z.number().nullable() }).nullable(),
    }),
  ),
  /** For two identified rounds, read at the first round's own unit: the change person by person. */
  paired: Paired.nullable(),
});
export type RoundComparison = z.infer<typeof RoundComparison>;
