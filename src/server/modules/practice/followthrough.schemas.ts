import { z } from 'zod';

const Id = z.string().min(1).max(64);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const APPLIED = ['applied', 'partly', 'not_applied'] as const;
export const VISIT_STATUSES = ['due', 'done', 'cancelled'] as const;

export const Visit = z.object({
  id: z.string(),
  enrolmentId: z.string(),
  offeringId: z.string(),
  offeringTitle: z.string(),
  teacher: z.object({ id: z.string(), name: z.string(), schoolId: z.string(), schoolName: z.string() }),
  coach: z.object({ id: z.string(), name: z.string() }),
  monthsAfter: z.number().int(),
  dueOn: z.string(),
  status: z.enum(VISIT_STATUSES),
  /** Due and the date has passed. */
  overdue: z.boolean(),
  visitedOn: z.string().nullable(),
  applied: z.enum(APPLIED).nullable(),
  how: z.string().nullable(),
  /** The coaching cycle the coach started from this visit, if any. */
  cycleId: z.string().nullable(),
});
export type Visit = z.infer<typeof Visit>;

export const VisitList = z.object({ items: z.array(Visit), today: z.string() });

export const VisitParams = z.strictObject({ visitId: Id });
export const MyVisitsQuery = z.strictObject({
  status: z.enum(['due', 'done']).default('due').describe('Visits still to make (with the overdue first) or made.'),
});
export const UnitVisitsQuery = z.strictObject({
  status: z.enum(['overdue', 'due', 'done']).default('overdue'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const UnitParams = z.strictObject({ unitId: Id });

export const RecordVisitBody = z.strictObject({
  visitedOn: IsoDate,
  applied: z.enum(APPLIED).describe('Whether the teacher applies the training in class.'),
  how: z.string().trim().min(1).max(4000).describe('What was seen: how the training shows in the lesson.'),
});
export type RecordVisitInput = z.infer<typeof RecordVisitBody>;
