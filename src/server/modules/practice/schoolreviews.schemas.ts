import { z } from 'zod';
import { ResolvedTextSchema as Resolved } from '../org/org.schemas.ts';
import { RESPONDENT_GROUPS, REVIEW_AREAS, REVIEW_SCALE, STATEMENT_CODES } from './schoolreviews.constants.ts';

const Id = z.string().min(1).max(64);
const Day = z.iso.date();

export const REVIEW_STATUSES = ['upcoming', 'open', 'closed'] as const;

export const ReviewParams = z.object({ reviewId: Id });
export const SchoolParams = z.object({ unitId: Id });

export const OpenReviewBody = z.strictObject({
  schoolId: Id,
  opensOn: Day,
  closesOn: Day,
});
export type OpenReviewInput = z.infer<typeof OpenReviewBody>;

export const AnswerBody = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        statement: z.enum(STATEMENT_CODES as [string, ...string[]]),
        score: z
          .number()
          .int()
          .min(REVIEW_SCALE[0])
          .max(REVIEW_SCALE[REVIEW_SCALE.length - 1]!),
      }),
    )
    .min(1)
    .max(STATEMENT_CODES.length),
});
export type AnswerInput = z.infer<typeof AnswerBody>;

export const ReviewSummary = z.object({
  id: z.string(),
  school: z.object({ id: z.string(), name: Resolved }),
  opensOn: z.string(),
  closesOn: z.string(),
  closedAt: z.string().nullable(),
  status: z.enum(REVIEW_STATUSES),
  respondents: z.number().int().describe('How many have answered (a count, never who).'),
  answered: z.boolean().describe('Whether the caller has answered.'),
  can: z.object({ answer: z.boolean(), manage: z.boolean() }),
});
export type ReviewSummary = z.infer<typeof ReviewSummary>;

export const Review = ReviewSummary.extend({
  areas: z.array(z.object({ code: z.enum(REVIEW_AREAS), statements: z.array(z.string()) })),
  scale: z.array(z.number().int()),
});
export type Review = z.infer<typeof Review>;

const Distribution = z.array(z.number().int()).describe('Answers per point of the scale, 1 to 4.');
const Figure = z.object({
  respondents: z.number().int(),
  mean: z.number().nullable(),
  distribution: Distribution.nullable(),
});

export const ReviewResults = z.object({
  reviewId: z.string(),
  status: z.enum(REVIEW_STATUSES),
  respondents: z.number().int(),
  minimumGroup: z.number().int(),
  suppressed: z.boolean().describe('Fewer than minimumGroup answered: nothing but the count is shown.'),
  pending: z.boolean().describe('The review is still open: figures are shown once it closes.'),
  groups: z
    .array(z.enum(RESPONDENT_GROUPS))
    .describe('The groups shown apart: both only when each has at least minimumGroup respondents.'),
  areas: z.array(
    z.object({
      code: z.enum(REVIEW_AREAS),
      all: Figure,
      byGroup: z.record(z.string(), Figure),
      statements: z.array(z.object({ code: z.string(), all: Figure, byGroup: z.record(z.string(), Figure) })),
    }),
  ),
});
export type ReviewResults = z.infer<typeof ReviewResults>;
export type ReviewFigure = z.infer<typeof Figure>;
