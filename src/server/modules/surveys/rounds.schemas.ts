import { z } from 'zod';
import { LocalizedTextSchema } from '../../shared/text.ts';
import { CATEGORIES } from '../people/people.schemas.ts';
import { AnswerValue } from './surveys.definition.ts';

const Id = z.string().min(1).max(64);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const Resolved = z.object({ text: z.string(), locale: z.string(), fallback: z.boolean() });

export const ROUND_KINDS = ['general', 'reaction', 'pre', 'post', 'follow_up'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
export const SCHOOL_TYPES = ['school', 'tei', 'resource_centre'] as const;

/** Who is invited: people of these categories placed under the unit, optionally narrowed. */
export const Population = z.strictObject({
  categories: z.array(z.enum(CATEGORIES)).min(1).max(CATEGORIES.length).default(['teacher']),
  /** Only those who completed this offering (those enrolled in it, for a `pre` round). */
  offeringId: Id.optional(),
  /** Only those placed in units of these types. */
  placeTypes: z.array(z.enum(SCHOOL_TYPES)).min(1).max(SCHOOL_TYPES.length).optional(),
});
export type Population = z.infer<typeof Population>;

export const CreateRoundBody = z.strictObject({
  title: LocalizedTextSchema,
  unitId: Id.describe('The org unit whose subtree is invited.'),
  population: Population.default({ categories: ['teacher'] }),
  anonymous: z.boolean().default(true),
  kind: z.enum(ROUND_KINDS).default('general'),
  opensOn: Day,
  closesOn: Day,
});
export type CreateRoundInput = z.output<typeof CreateRoundBody>;

export const SurveyParams = z.strictObject({ surveyId: Id });
export const RoundParams = z.strictObject({ roundId: Id });
export const TokenParams = z.strictObject({ token: z.string().min(20).max(100) });
export const RoundsQuery = z.strictObject({ unitId: Id.optional() });

export const Round = z.object({
  id: z.string(),
  surveyId: z.string(),
  surveyCode: z.string(),
  surveyVersion: z.number().int(),
  title: Resolved,
  unit: z.object({ id: z.string(), name: Resolved }),
  population: Population,
  anonymous: z.boolean(),
  kind: z.enum(ROUND_KINDS),
  offeringId: z.string().nullable(),
  opensOn: z.string(),
  closesOn: z.string(),
  status: z.enum(['upcoming', 'open', 'closed']),
  invited: z.number().int(),
  responded: z.number().int(),
  lastRemindedAt: z.string().nullable(),
});
export type Round = z.infer<typeof Round>;
export const RoundList = z.object({ items: z.array(Round) });

/** Links for the invited who have not answered yet, for sending by other means (each replaces the last). */
export const InvitationLinks = z.object({
  items: z.array(z.object({ personId: z.string(), name: z.string(), email: z.string().nullable(), link: z.string() })),
});

export const Reminded = z.object({ reminded: z.number().int(), withoutAccount: z.number().int() });

export const MyInvitation = z.object({
  roundId: z.string(),
  title: Resolved,
  closesOn: z.string(),
  anonymous: z.boolean(),
  status: z.enum(['invited', 'started']),
});
export const MyInvitations = z.object({ items: z.array(MyInvitation) });

/** What the answer form needs: the questionnaire in the reader's language and what is saved so far. */
export const AnswerForm = z.object({
  roundId: z.string(),
  title: Resolved,
  anonymous: z.boolean(),
  closesOn: z.string(),
  status: z.enum(['invited', 'started', 'submitted']),
  open: z.boolean(),
  locale: z.string(),
  definition: z.unknown(),
  /** Answers saved so far (identified rounds; an anonymous round keeps its draft on the device). */
  draft: z.record(z.string(), AnswerValue),
});
export type AnswerForm = z.infer<typeof AnswerForm>;

export const AnswersBody = z.strictObject({ answers: z.record(z.string().max(40), AnswerValue) });
export const Saved = z.object({ status: z.enum(['started', 'submitted']), saved: z.number().int() });
