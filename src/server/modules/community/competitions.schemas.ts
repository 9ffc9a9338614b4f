import { z } from 'zod';
import { LocalizedTextSchema } from '../../shared/text.ts';
import { CATEGORIES } from '../people/people.schemas.ts';

const Id = z.string().min(1).max(64);
const Day = z.iso.date();
/** A moment with its offset from UTC; stored in UTC. */
const Moment = z.iso.datetime({ offset: true });
const Resolved = z.object({ text: z.string(), locale: z.string(), fallback: z.boolean() });
const line = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);
const Amount = z.number().int().min(0).max(1_000_000_000_000);

export const APPLICATION_STATUSES = ['draft', 'submitted', 'awarded', 'declined', 'completed'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const Criterion = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a key of lower-case letters, digits and _'),
  title: LocalizedTextSchema,
  weight: z.number().int().min(1).max(100),
  maxScore: z.number().int().min(1).max(100),
});

export const CompetitionBody = z
  .strictObject({
    title: LocalizedTextSchema,
    theme: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    unitId: Id.describe('Applicants are placed in this unit’s subtree; the call is managed here.'),
    eligibleRoles: z.array(z.enum(CATEGORIES)).min(1).max(CATEGORIES.length).default(['teacher']),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as UZS'),
    budgetTotal: Amount.min(1),
    maxPerGrant: Amount.min(1),
    opensAt: Moment,
    closesAt: Moment,
    reviewBy: Day,
    decisionOn: Day,
    reportingDue: Day,
    rubric: z
      .array(Criterion)
      .min(1)
      .max(20)
      .refine((c) => new Set(c.map((x) => x.key)).size === c.length, 'Name each criterion once.'),
    reviewersPerApplication: z.number().int().min(1).max(10).default(2),
  })
  .refine((c) => c.maxPerGrant <= c.budgetTotal, {
    message: 'A grant is at most the whole budget.',
    path: ['maxPerGrant'],
  });
export type CompetitionInput = z.output<typeof CompetitionBody>;

export const ReviewersBody = z.strictObject({ personIds: z.array(Id).max(200) });

export const ApplicationBody = z.strictObject({
  title: line(200).min(1),
  summary: line(2000).min(1),
  plan: line(20_000).min(1),
  budgetRequested: Amount.min(1),
  /** Team members beside the lead (the actor), each an eligible person of the call. */
  memberPersonIds: z
    .array(Id)
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, 'Name each member once.')
    .default([]),
  /** Library resources attached by reference. */
  resourceIds: z.array(Id).max(20).default([]),
});
export type ApplicationInput = z.output<typeof ApplicationBody>;

export const AssignBody = z.strictObject({ reviewerPersonId: Id });
export const AutoAssignBody = z.strictObject({
  perApplication: z.number().int().min(1).max(10).optional().describe('Defaults to the call’s own number.'),
});
export const ConflictBody = z.strictObject({ reason: line(1000).min(1, 'Say why.') });

export const ScoresBody = z.strictObject({
  scores: z
    .array(
      z.strictObject({ criterion: z.string().min(1).max(32), score: z.number().int().min(0), comment: line(2000) }),
    )
    .min(1)
    .max(20),
});
export type ScoresInput = z.output<typeof ScoresBody>;

export const DecisionBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('award'), amount: Amount.min(1), note: line(2000).optional() }),
  z.strictObject({ decision: z.literal('decline'), note: line(2000).optional() }),
]);
export type DecisionInput = z.output<typeof DecisionBody>;

export const MilestoneBody = z.strictObject({ title: line(300).min(1), dueOn: Day });
export const ReportBody = z.strictObject({
  kind: z.enum(['progress', 'final']),
  text: line(20_000).min(1),
  milestoneId: Id.optional(),
});
export type ReportInput = z.output<typeof ReportBody>;

export const CandidatesQuery = z.strictObject({ q: z.string().trim().min(2).max(100) });
export const Candidates = z.object({
  items: z.array(z.object({ personId: z.string(), name: z.string(), unitName: z.string() })),
});

export const CompetitionParams = z.strictObject({ competitionId: Id });
export const ApplicationParams = z.strictObject({ applicationId: Id });
export const FileParams = z.strictObject({ applicationId: Id, fileId: Id });
export const UploadQuery = z.strictObject({
  fileName: line(200).min(1),
  reportId: Id.optional().describe('Evidence of this report rather than an attachment of the application.'),
});

const CriterionOut = z.object({ key: z.string(), title: Resolved, weight: z.number(), maxScore: z.number() });

export const CompetitionSummary = z.object({
  id: z.string(),
  title: Resolved,
  theme: Resolved,
  unit: z.object({ id: z.string() }),
  currency: z.string(),
  budgetTotal: z.number(),
  maxPerGrant: z.number(),
  opensAt: z.string(),
  closesAt: z.string(),
  open: z.boolean(),
  canManage: z.boolean(),
  /** The actor is in the call's reviewer pool. */
  reviewing: z.boolean(),
});
export type CompetitionSummary = z.infer<typeof CompetitionSummary>;
export const CompetitionList = z.object({ items: z.array(CompetitionSummary) });

const FileOut = z.object({
  id: z.string(),
  reportId: z.string().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
});
const Person = z.object({ personId: z.string(), name: z.string(), unitName: z.string(), lead: z.boolean() });

/** What a reviewer sees: no team, no schools. */
export const BlindApplication = z.object({
  id: z.string(),
  competitionId: z.string(),
  competitionTitle: Resolved,
  title: z.string(),
  summary: z.string(),
  plan: z.string(),
  budgetRequested: z.number(),
  currency: z.string(),
  resourceIds: z.array(z.string()),
  files: z.array(FileOut),
  rubric: z.array(CriterionOut),
  /** The reviewer's own latest score per criterion. */
  myScores: z.array(z.object({ criterion: z.string(), score: z.number(), comment: z.string() })),
});
export type BlindApplication = z.infer<typeof BlindApplication>;
export const ReviewQueue = z.object({ items: z.array(BlindApplication) });

export const Application = z.object({
  id: z.string(),
  competitionId: z.string(),
  title: z.string(),
  summary: z.string(),
  plan: z.string(),
  budgetRequested: z.number(),
  resourceIds: z.array(z.string()),
  status: z.enum(APPLICATION_STATUSES),
  submittedAt: z.string().nullable(),
  awardedAmount: z.number().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  showcaseResourceId: z.string().nullable(),
  team: z.array(Person),
  files: z.array(FileOut),
  /** Managers only: who reviews it (empty for the team). */
  reviewers: z.array(z.object({ personId: z.string(), name: z.string(), automatic: z.boolean() })),
  milestones: z.array(z.object({ id: z.string(), title: z.string(), dueOn: z.string() })),
  reports: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['progress', 'final']),
      milestoneId: z.string().nullable(),
      text: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type Application = z.infer<typeof Application>;

export const CompetitionDetail = CompetitionSummary.extend({
  description: Resolved.nullable(),
  source: z.object({ title: z.record(z.string(), z.string()), theme: z.record(z.string(), z.string()) }),
  eligibleRoles: z.array(z.string()),
  reviewBy: z.string(),
  decisionOn: z.string(),
  reportingDue: z.string(),
  rubric: z.array(CriterionOut),
  reviewersPerApplication: z.number(),
  awardedTotal: z.number(),
  remainingBudget: z.number(),
  /** Managers: every application but drafts; others: the applications they are on. */
  applications: z.array(Application),
  /** Managers only. */
  reviewers: z.array(z.object({ personId: z.string(), name: z.string(), unitName: z.string(), assigned: z.number() })),
});
export type CompetitionDetail = z.infer<typeof CompetitionDetail>;

export const AutoAssignResult = z.object({
  assigned: z.number().int(),
  /** Applications left short of reviewers: too few in the pool without a conflict. */
  short: z.array(z.object({ applicationId: z.string(), missing: z.number().int() })),
});

export const Ranking = z.object({
  scale: z.object({ min: z.number(), max: z.number() }),
  items: z.array(
    z.object({
      rank: z.number().int(),
      applicationId: z.string(),
      title: z.string(),
      status: z.enum(APPLICATION_STATUSES),
      budgetRequested: z.number(),
      awardedAmount: z.number().nullable(),
      reviews: z.number().int(),
      /** Mean of the reviewers' weighted totals, 0-100. */
      raw: z.number().nullable(),
      /** Mean of the reviewers' totals after z-scoring per reviewer, mapped back to 0-100. */
      normalised: z.number().nullable(),
      byReviewer: z.array(z.object({ reviewer: z.string(), raw: z.number(), normalised: z.number() })),
    }),
  ),
});
export type Ranking = z.infer<typeof Ranking>;
