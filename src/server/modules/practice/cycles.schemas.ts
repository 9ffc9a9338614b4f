import { z } from 'zod';
import { CYCLE_STATUSES, ICT_PURPOSES, ICT_USERS } from './practice.constants.ts';

const Id = z.string().min(1).max(64);
const Day = z.iso.date();
const Text = (max: number) => z.string().trim().max(max);

export const CycleParams = z.object({ id: Id });
export const UnitParams = z.object({ unitId: Id });

export const ListCyclesQuery = z.strictObject({
  unitId: Id.optional().describe(
    "A school (or any unit): the cycles of the teachers there, for those who read their assessment. Without it, the caller's own cycles as coach and as teacher.",
  ),
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Only cycles not closed (true) or only closed ones (false).'),
});

export const CreateCycleBody = z.strictObject({
  teacherId: Id,
  lessonDate: Day.describe('The lesson to observe: today up to six months ahead.'),
  focusItemIds: z.array(Id).min(1).max(6).describe('Competencies of the current standard the cycle works on.'),
  planNotes: Text(4000).default(''),
  designId: Id.nullable().optional().describe("An activity design of the teacher's that the lesson uses."),
  followThroughVisitId: Id.nullable()
    .optional()
    .describe('A recorded follow-through visit of this coach and teacher that the cycle starts from.'),
});
export type CreateCycleInput = z.output<typeof CreateCycleBody>;

export const UpdatePlanBody = z.strictObject({
  lessonDate: Day.optional(),
  focusItemIds: z.array(Id).min(1).max(6).optional(),
  planNotes: Text(4000).optional(),
  designId: Id.nullable().optional(),
});
export type UpdatePlanInput = z.output<typeof UpdatePlanBody>;

export const CoachReflectionBody = z.strictObject({
  strengths: Text(4000).min(1),
  nextSteps: Text(4000).min(1),
});
export const TeacherReflectionBody = z.strictObject({
  reflection: Text(4000),
  shared: z.boolean().describe('Share the reflection with the school leader (coach and teacher always see it).'),
});
export const FollowUpBody = z.strictObject({
  followUpOn: Day,
  notes: Text(4000).min(1),
});

const Rating = z.object({ itemId: Id, levelCode: z.string().trim().min(1).max(40) });

/** A lesson observation's fields, each saved on its own as the observer goes. */
export const ObservationPatchBody = z.strictObject({
  subject: Text(120).nullable().optional(),
  grade: Text(40).nullable().optional(),
  ictUsers: z.array(z.enum(ICT_USERS)).max(ICT_USERS.length).optional(),
  ictPurposes: z.array(z.enum(ICT_PURPOSES)).max(ICT_PURPOSES.length).optional(),
  studentCentredness: z.number().int().min(1).max(4).nullable().optional(),
  ictTimeShare: z.number().int().min(0).max(100).nullable().optional(),
  studentProducts: Text(2000).nullable().optional(),
  notes: Text(4000).nullable().optional(),
  ratings: z.array(Rating).max(60).optional().describe('The whole set of ratings: a level code or "not_yet".'),
});
export type ObservationPatch = z.output<typeof ObservationPatchBody>;

const Named = z.object({ id: z.string(), name: z.string() });

export const LessonObservation = z.object({
  id: z.string(),
  cycleId: z.string().nullable(),
  teacherId: z.string(),
  observerId: z.string(),
  lessonDate: z.string(),
  subject: z.string().nullable(),
  grade: z.string().nullable(),
  ictUsers: z.array(z.string()),
  ictPurposes: z.array(z.string()),
  studentCentredness: z.number().nullable(),
  ictTimeShare: z.number().nullable(),
  studentProducts: z.string().nullable(),
  notes: z.string().nullable().describe("The observer's notes: the coach and the teacher only."),
  ratings: z.array(Rating),
  status: z.enum(['draft', 'submitted']),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type LessonObservation = z.infer<typeof LessonObservation>;

export const Cycle = z.object({
  id: z.string(),
  coach: Named,
  teacher: Named.extend({ schoolId: z.string(), schoolName: z.string() }),
  designId: z.string().nullable(),
  frameworkId: z.string(),
  focusItemIds: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string(),
  lessonDate: z.string(),
  status: z.enum(CYCLE_STATUSES),
  viewer: z.enum(['coach', 'teacher', 'leader']).describe('How the caller sees this cycle.'),
  planNotes: z.string().nullable().describe('Null for a leader.'),
  strengths: z.string().nullable(),
  nextSteps: z.string().nullable(),
  teacherReflection: z.string().nullable(),
  reflectionShared: z.boolean(),
  reflectionHidden: z
    .boolean()
    .describe(
      "The reflection stage is the teacher's and the coach's: hidden from a leader until the teacher shares it.",
    ),
  followUpOn: z.string().nullable(),
  followUpNotes: z.string().nullable(),
  observation: LessonObservation.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Cycle = z.infer<typeof Cycle>;

export const CycleList = z.object({ items: z.array(Cycle) });

export const Coachee = z.object({
  teacher: Named.extend({ schoolId: z.string(), schoolName: z.string() }),
  links: z.array(z.enum(['partnership', 'offering', 'assignment'])),
  openCycle: z
    .object({ id: z.string(), status: z.enum(CYCLE_STATUSES), lessonDate: z.string() })
    .nullable()
    .describe("This coach's open cycle with the teacher, if any."),
  cyclesDone: z.number().describe('Cycles with this teacher that reached follow-up or were closed.'),
});
export const CoacheeList = z.object({ items: z.array(Coachee) });

export const TodayLesson = z.object({
  cycleId: z.string(),
  teacher: Named.extend({ schoolName: z.string() }),
  lessonDate: z.string(),
  status: z.enum(CYCLE_STATUSES),
  focusItemIds: z.array(z.string()),
  observationId: z.string().nullable(),
  observationStatus: z.enum(['draft', 'submitted']).nullable(),
});
export const TodayList = z.object({ today: z.string(), items: z.array(TodayLesson) });

const Count = z.number().int();
export const CycleSummary = z.object({
  unitId: z.string(),
  cycles: z.object({
    planned: Count,
    observed: Count,
    reflected: Count,
    followed_up: Count,
    closed: Count,
  }),
  teachersCoached: Count,
  observationsSubmitted: Count,
  instrument: z
    .object({
      ictUsers: z.record(z.string(), Count),
      ictPurposes: z.record(z.string(), Count),
      studentCentredness: z.record(z.string(), Count),
      meanIctTimeShare: z.number().nullable(),
    })
    .nullable()
    .describe(
      "Instrument aggregates: for those who read the teachers' assessment (school leaders), null for officers.",
    ),
});
