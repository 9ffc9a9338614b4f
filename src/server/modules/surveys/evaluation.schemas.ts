import { z } from 'zod';
import { ROUND_KINDS } from './rounds.schemas.ts';

const Id = z.string().min(1).max(64);
const Resolved = z.object({ text: z.string(), locale: z.string(), fallback: z.boolean() });

export const OfferingParams = z.strictObject({ offeringId: Id });

/** A point of a scale question (a likert question, or one row of a matrix). */
const ScaleItem = z.object({
  key: z.string(),
  /** The matrix row; null for a likert question. */
  row: z.string().nullable(),
  question: Resolved,
  /** The row's statement for a matrix row, else the question again. */
  text: Resolved,
  answered: z.number().int(),
  /** Share of those who answered at the top two points of the scale, 0..1. */
  topTwo: z.number(),
});

/** The change of one scale item among the people who answered both rounds. */
export const PairedItem = z.object({
  key: z.string(),
  row: z.string().nullable(),
  question: Resolved,
  /** The row's statement for a matrix row, else the question again. */
  text: Resolved,
  pairs: z.number().int(),
  /** Mean point of the scale (1 = first) or mean number, before and after. */
  before: z.number(),
  after: z.number(),
  change: z.number(),
});
export type PairedItem = z.infer<typeof PairedItem>;

export const Paired = z.object({
  beforeRoundId: z.string(),
  afterRoundId: z.string(),
  /** People who answered both; null when fewer than the minimum group. */
  pairs: z.number().int().nullable(),
  items: z.array(PairedItem),
});
export type Paired = z.infer<typeof Paired>;

export const EvaluationRound = z.object({
  id: z.string(),
  kind: z.enum(ROUND_KINDS),
  title: Resolved,
  status: z.enum(['upcoming', 'open', 'closed']),
  anonymous: z.boolean(),
  opensOn: z.string(),
  closesOn: z.string(),
  invited: z.number().int(),
  /** Responses; null when fewer than the minimum group (then no figures are shown). */
  respondents: z.number().int().nullable(),
  scale: z.array(ScaleItem),
});
export type EvaluationRound = z.infer<typeof EvaluationRound>;

export const VisitFigures = z.object({
  due: z.number().int(),
  overdue: z.number().int(),
  done: z.number().int(),
  cancelled: z.number().int(),
  /** Among visits done, what the coach found; null when fewer than the minimum group were done. */
  applied: z.object({ applied: z.number().int(), partly: z.number().int(), not_applied: z.number().int() }).nullable(),
});

/**
 * An offering evaluated at Kirkpatrick's four levels: reaction at the end, learning from a pre and a
 * post round, behaviour from the follow-up round and the follow-through visits, and results from the
 * effect of the module or programme on confirmed competence (its own view).
 */
export const OfferingEvaluation = z.object({
  offeringId: z.string(),
  endDate: z.string(),
  moduleId: z.string().nullable(),
  programmeId: z.string().nullable(),
  completers: z.number().int(),
  enrolled: z.number().int(),
  /** The smallest unit holding everyone enrolled: where rounds of this offering are sent. */
  unitId: z.string().nullable(),
  /** Whether the reader may send rounds of this offering (surveys.manage over that unit). */
  canSend: z.boolean(),
  /** When a follow-up is due: three to six months after the offering ends. */
  followUp: z.object({ opensOn: z.string(), closesOn: z.string() }),
  minimumGroup: z.number().int(),
  reaction: z.array(EvaluationRound),
  learning: z.object({ rounds: z.array(EvaluationRound), paired: Paired.nullable() }),
  behaviour: z.object({ rounds: z.array(EvaluationRound), visits: VisitFigures }),
});
export type OfferingEvaluation = z.infer<typeof OfferingEvaluation>;
