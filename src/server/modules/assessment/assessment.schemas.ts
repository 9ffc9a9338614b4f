import { z } from 'zod';

import { EVENT_KINDS, NOT_YET, OBSERVED_PRACTICES } from './assessment.constants.ts';

export { EVENT_KINDS, type EventKind, NOT_YET, OBSERVED_PRACTICES } from './assessment.constants.ts';

const Id = z.string().min(1).max(64);
const LevelAnswer = z.string().trim().min(1).max(40).describe(`A level code of the framework, or "${NOT_YET}".`);
const Day = z.iso.date();
const Text = (max: number) => z.string().trim().min(1).max(max);

export const PersonParams = z.object({ personId: Id });
export const EventParams = z.object({ personId: Id, eventId: Id });
export const IdParams = z.object({ id: Id });
export const UnitParams = z.object({ unitId: Id });
export const FrameworkQuery = z.strictObject({
  frameworkId: Id.optional().describe('A published framework version; the newest published one when absent.'),
});

export const AssessmentEvent = z.object({
  id: z.string(),
  personId: z.string(),
  frameworkId: z.string(),
  itemId: z.string(),
  levelCode: z.string().nullable(),
  kind: z.enum(EVENT_KINDS),
  sourceType: z.string(),
  sourceId: z.string().nullable(),
  evidenceIds: z.array(z.string()),
  comment: z.string().nullable(),
  supersedesId: z.string().nullable(),
  supersededById: z.string().nullable(),
  void: z.boolean(),
  effectiveAt: z.string(),
  recordedAt: z.string(),
  actorAccountId: z.string().nullable(),
  actorName: z.string().nullable(),
});
export type AssessmentEvent = z.infer<typeof AssessmentEvent>;

export const SupersedeBody = z
  .strictObject({
    levelCode: LevelAnswer.optional(),
    void: z.boolean().optional().describe('Withdraw the event without a replacement level.'),
    reason: Text(1000),
  })
  .refine((b) => (b.levelCode !== undefined) !== (b.void === true), {
    message: 'Give either a corrected levelCode or void: true.',
    path: ['levelCode'],
  });
export type SupersedeInput = z.infer<typeof SupersedeBody>;

export const CompetencyStatus = z.object({
  itemId: z.string(),
  selfLevelCode: z.string().nullable(),
  selfAssessed: z.boolean(),
  selfAt: z.string().nullable(),
  confirmedLevelCode: z.string().nullable(),
  confirmed: z.boolean(),
  confirmedKind: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  trained: z.boolean(),
  trainedAt: z.string().nullable(),
});
export type CompetencyStatus = z.infer<typeof CompetencyStatus>;

const Resolved = z.object({ text: z.string(), locale: z.string(), fallback: z.boolean() });

export const Instrument = z.object({
  frameworkId: z.string(),
  title: Resolved,
  version: z.string(),
  levels: z.array(z.object({ code: z.string(), title: Resolved, description: Resolved })),
  aspects: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      title: Resolved,
      questions: z.array(
        z.object({
          itemId: z.string(),
          code: z.string(),
          title: Resolved,
          statement: Resolved,
          example: Resolved.nullable(),
          options: z.array(
            z.object({
              value: z.string(),
              levelCode: z.string().nullable(),
              /** null for "not yet": the app says it in the reader's language. */
              descriptor: Resolved.nullable(),
            }),
          ),
        }),
      ),
    }),
  ),
});
export type Instrument = z.infer<typeof Instrument>;

export const SelfAssessment = z.object({
  id: z.string(),
  personId: z.string(),
  frameworkId: z.string(),
  status: z.enum(['in_progress', 'submitted']),
  answers: z.record(z.string(), z.string()),
  answered: z.number().int(),
  questions: z.number().int(),
  startedAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type SelfAssessment = z.infer<typeof SelfAssessment>;

export const StartBody = z.strictObject({ frameworkId: Id.optional() });
export const AnswersBody = z.strictObject({
  answers: z
    .record(Id, LevelAnswer)
    .refine((a) => Object.keys(a).length > 0, 'Give at least one answer.')
    .describe('Competency item id -> level code or "not_yet". Merged into the saved answers.'),
});

export const Feedback = z.object({
  personId: z.string(),
  frameworkId: z.string(),
  submittedAt: z.string().nullable(),
  target: z.object({ levelCode: z.string(), title: Resolved, setAt: z.string() }).nullable(),
  levels: z.array(z.object({ code: z.string(), title: Resolved })),
  aspects: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      title: Resolved,
      /** Mean rank of the self-assessed levels (0 = not yet, 1 = first level...). */
      selfScore: z.number().nullable(),
      confirmedScore: z.number().nullable(),
      competencies: z.array(
        z.object({
          itemId: z.string(),
          code: z.string(),
          title: Resolved,
          selfLevelCode: z.string().nullable(),
          confirmedLevelCode: z.string().nullable(),
          gap: z.number().int().nullable(),
        }),
      ),
    }),
  ),
  strengths: z.array(z.object({ itemId: z.string(), code: z.string(), title: Resolved })),
  gaps: z.array(
    z.object({
      itemId: z.string(),
      /** The competency across versions of the standard: training modules name it this way too. */
      caseIdentifier: z.string(),
      code: z.string(),
      title: Resolved,
      currentLevelCode: z.string().nullable(),
      nextLevelCode: z.string(),
      nextStep: Resolved,
    }),
  ),
});
export type Feedback = z.infer<typeof Feedback>;

export const GroupReport = z.object({
  unitId: z.string(),
  frameworkId: z.string(),
  minimumGroup: z.number().int(),
  teachers: z.number().int(),
  respondents: z.number().int().nullable(),
  suppressed: z.boolean(),
  levels: z.array(z.object({ code: z.string(), title: Resolved })),
  competencies: z.array(
    z.object({
      itemId: z.string(),
      code: z.string(),
      title: Resolved,
      aspectTitle: Resolved,
      respondents: z.number().int().nullable(),
      suppressed: z.boolean(),
      /** Level code (or not_yet) -> number of respondents; empty when suppressed. */
      distribution: z.record(z.string(), z.number().int()),
    }),
  ),
});

export const RateBody = z.strictObject({
  frameworkId: Id.optional(),
  itemId: Id,
  levelCode: LevelAnswer,
  comment: Text(2000).optional(),
  evidenceIds: z.array(Id).max(50).default([]),
});
export type RateInput = z.infer<typeof RateBody>;

export const Evidence = z.object({
  id: z.string(),
  personId: z.string(),
  kind: z.enum(['file', 'link']),
  title: z.string(),
  fileName: z.string().nullable(),
  contentType: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  url: z.string().nullable(),
  itemIds: z.array(z.string()),
  createdAt: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

/** A competency's rubric: each level of the standard with its descriptor for the competency. */
export const RubricLevel = z.object({ levelCode: z.string(), levelTitle: Resolved, descriptor: Resolved });

export const REVIEW_STATUSES = ['submitted', 'under_review', 'more_evidence_requested', 'confirmed'] as const;
export const ReviewRequest = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  frameworkId: z.string(),
  itemId: z.string(),
  itemCode: z.string(),
  itemTitle: Resolved,
  claimedLevelCode: z.string(),
  status: z.enum(REVIEW_STATUSES),
  evidenceIds: z.array(z.string()),
  note: z.string().nullable(),
  assessorComment: z.string().nullable(),
  decidedEventId: z.string().nullable(),
  decidedLevelCode: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the assessor decides with: the evidence named (in the order given) and the rubric per level. */
  evidence: z.array(Evidence),
  rubric: z.array(RubricLevel),
});
export type ReviewRequest = z.infer<typeof ReviewRequest>;
export const RequestReviewBody = z.strictObject({
  frameworkId: Id.optional(),
  itemId: Id,
  claimedLevelCode: Text(40),
  evidenceIds: z.array(Id).min(1).max(50),
  note: Text(2000).optional(),
});
export const ReviewListQuery = z.strictObject({
  status: z.enum(REVIEW_STATUSES).optional(),
  personId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const AskEvidenceBody = z.strictObject({ comment: Text(2000) });
export const AddEvidenceBody = z.strictObject({ evidenceIds: z.array(Id).min(1).max(50), note: Text(2000).optional() });
export const DecideBody = z.strictObject({ levelCode: LevelAnswer, comment: Text(2000).optional() });

export const UploadQuery = z.strictObject({
  title: Text(200),
  fileName: Text(200),
  itemIds: z.string().max(2000).optional().describe('Comma-separated competency item ids the evidence is for.'),
});
export const LinkBody = z.strictObject({
  title: Text(200),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  itemIds: z.array(Id).max(50).default([]),
});

export const Portfolio = z.object({
  personId: z.string(),
  frameworkId: z.string(),
  competencies: z.array(
    z.object({
      itemId: z.string(),
      code: z.string(),
      title: Resolved,
      aspectTitle: Resolved,
      status: CompetencyStatus,
      rubric: z.array(RubricLevel),
      evidence: z.array(Evidence),
      events: z.array(AssessmentEvent),
    }),
  ),
  otherEvidence: z.array(Evidence),
  reviews: z.array(ReviewRequest),
});

export const ObservationBody = z.strictObject({
  frameworkId: Id.optional(),
  observedOn: Day,
  subject: Text(100).optional(),
  grade: Text(40).optional(),
  lessonFocus: Text(500),
  practices: z.array(z.enum(OBSERVED_PRACTICES)).max(OBSERVED_PRACTICES.length).default([]),
  ratings: z
    .record(Id, LevelAnswer)
    .default({})
    .describe('Competency item id -> level observed; each becomes an observation event in the ledger.'),
  strengths: Text(2000).optional(),
  suggestions: Text(2000).optional(),
});
export type ObservationInput = z.infer<typeof ObservationBody>;
export const Observation = z.object({
  id: z.string(),
  personId: z.string(),
  frameworkId: z.string(),
  observerName: z.string().nullable(),
  observedOn: z.string(),
  subject: z.string().nullable(),
  grade: z.string().nullable(),
  lessonFocus: z.string(),
  practices: z.array(z.enum(OBSERVED_PRACTICES)),
  ratings: z.record(z.string(), z.string()),
  strengths: z.string().nullable(),
  suggestions: z.string().nullable(),
  createdAt: z.string(),
});

export const CoachingBody = z.strictObject({
  visitedOn: Day,
  focusItemIds: z.array(Id).max(50).default([]),
  notes: Text(4000),
  agreedActions: Text(4000),
  nextVisitOn: Day.optional(),
});
export type CoachingInput = z.infer<typeof CoachingBody>;
export const CoachingVisit = z.object({
  id: z.string(),
  personId: z.string(),
  coachName: z.string().nullable(),
  visitedOn: z.string(),
  focusItemIds: z.array(z.string()),
  notes: z.string(),
  agreedActions: z.string(),
  nextVisitOn: z.string().nullable(),
  createdAt: z.string(),
});

export const TargetParams = z.object({ unitId: Id, frameworkId: Id });
export const TargetBody = z.strictObject({ levelCode: Text(40) });
export const LevelTarget = z.object({
  unitId: z.string(),
  frameworkId: z.string(),
  levelCode: z.string().nullable(),
  /** The unit whose setting applies (this one or the nearest above), or null when none is set. */
  setAtUnitId: z.string().nullable(),
});
