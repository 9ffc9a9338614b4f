import { z } from 'zod';
import { ResolvedTextSchema as Resolved } from '../org/org.schemas.ts';
import { ACTION_STATUSES, REVIEW_AREAS, SCHOOL_PLAN_STATUSES } from './schoolreviews.constants.ts';

const Id = z.string().min(1).max(64);
const Day = z.iso.date();
const Text = (max: number) => z.string().trim().max(max);

export const PlanParams = z.object({ planId: Id });
export const UnitParams = z.object({ unitId: Id });

const ActionInput = z
  .strictObject({
    id: Id.optional().describe('An action of this plan being kept; absent for a new action.'),
    area: z.enum(REVIEW_AREAS),
    title: Text(500).min(1),
    ownerPersonId: Id.nullable().default(null).describe('A person of the school.'),
    ownerText: Text(200).nullable().default(null).describe('An owner named in words (a committee, a partner).'),
    dueOn: Day,
    status: z.enum(ACTION_STATUSES).default('planned'),
    resources: Text(2000).default(''),
  })
  .refine((a) => !!a.ownerPersonId || !!a.ownerText, { message: 'An action has an owner.', path: ['ownerText'] });
export type ActionInput = z.infer<typeof ActionInput>;

const PlanFields = {
  title: Text(200).min(1),
  periodStart: Day,
  periodEnd: Day,
  vision: Text(4000).min(1),
  goals: z.partialRecord(z.enum(REVIEW_AREAS), Text(2000)).default({}),
  partnershipId: Id.nullable().default(null),
  developmentPlanIds: z.array(Id).max(500).default([]),
  actions: z.array(ActionInput).max(100).default([]),
};

export const CreatePlanBody = z.strictObject({
  schoolId: Id,
  reviewId: Id.nullable().default(null).describe('The self-review the plan answers to.'),
  ...PlanFields,
});
export type CreatePlanInput = z.infer<typeof CreatePlanBody>;

export const UpdatePlanBody = z.strictObject({
  title: PlanFields.title.optional(),
  periodStart: Day.optional(),
  periodEnd: Day.optional(),
  vision: PlanFields.vision.optional(),
  goals: z.partialRecord(z.enum(REVIEW_AREAS), Text(2000)).optional(),
  partnershipId: Id.nullable().optional(),
  developmentPlanIds: z.array(Id).max(500).optional(),
  actions: z.array(ActionInput).max(100).optional(),
});
export type UpdatePlanInput = z.infer<typeof UpdatePlanBody>;

export const StatusBody = z.strictObject({ status: z.enum(['active', 'archived']) });

export const ProgressBody = z.strictObject({
  reviewedOn: Day,
  note: Text(4000).min(1),
  actions: z
    .array(z.strictObject({ actionId: Id, status: z.enum(ACTION_STATUSES) }))
    .max(100)
    .default([])
    .describe("Each action's status now; actions not named keep theirs."),
});
export type ProgressInput = z.infer<typeof ProgressBody>;

export const ListPlansQuery = z.strictObject({ schoolId: Id });

const Progress = z.object({
  actions: z.number().int(),
  done: z.number().int(),
  lastReviewedOn: z.string().nullable(),
});

export const PlanSummary = z.object({
  id: z.string(),
  school: z.object({ id: z.string(), name: Resolved }),
  title: z.string(),
  status: z.enum(SCHOOL_PLAN_STATUSES),
  periodStart: z.string(),
  periodEnd: z.string(),
  current: z.boolean().describe('Active and today within the period.'),
  progress: Progress,
  updatedAt: z.string(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const Action = z.object({
  id: z.string(),
  area: z.enum(REVIEW_AREAS),
  title: z.string(),
  owner: z.object({ personId: z.string().nullable(), name: z.string().nullable(), text: z.string().nullable() }),
  dueOn: z.string(),
  status: z.enum(ACTION_STATUSES),
  resources: z.string(),
});

export const Plan = PlanSummary.extend({
  reviewId: z.string().nullable(),
  vision: z.string(),
  goals: z.partialRecord(z.enum(REVIEW_AREAS), z.string()),
  partnership: z.object({ id: z.string(), title: z.string() }).nullable(),
  developmentPlans: z.array(z.object({ id: z.string(), personId: z.string(), name: z.string(), status: z.string() })),
  actions: z.array(Action),
  progressReviews: z.array(
    z.object({
      id: z.string(),
      reviewedOn: z.string(),
      note: z.string(),
      author: z.string().nullable(),
      actions: z.array(z.object({ actionId: z.string(), title: z.string(), status: z.enum(ACTION_STATUSES) })),
      createdAt: z.string(),
    }),
  ),
  can: z.object({ edit: z.boolean(), activate: z.boolean(), archive: z.boolean(), review: z.boolean() }),
});
export type Plan = z.infer<typeof Plan>;

export const PlanOptions = z.object({
  school: z.object({ id: z.string(), name: Resolved }),
  people: z.array(z.object({ id: z.string(), name: z.string(), category: z.string() })),
  developmentPlans: z.array(z.object({ id: z.string(), personId: z.string(), name: z.string(), status: z.string() })),
  partnerships: z.array(z.object({ id: z.string(), title: z.string(), startsOn: z.string(), endsOn: z.string() })),
  reviews: z.array(z.object({ id: z.string(), opensOn: z.string(), closesOn: z.string() })),
});

export const DistrictPlans = z.object({
  unit: z.object({ id: z.string(), name: Resolved }),
  schools: z.number().int(),
  withCurrentPlan: z.number().int(),
  withoutCurrentPlan: z.number().int(),
  list: z.array(
    z.object({
      school: z.object({ id: z.string(), name: Resolved }),
      districtName: Resolved.nullable(),
      plan: PlanSummary.nullable().describe("The school's current plan, else its latest."),
    }),
  ),
  truncated: z.boolean(),
});
export type DistrictPlans = z.infer<typeof DistrictPlans>;
