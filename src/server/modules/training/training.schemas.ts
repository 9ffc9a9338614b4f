import { z } from 'zod';
import { LocalizedTextSchema } from '../../shared/text.ts';
import { ResolvedTextSchema as Resolved } from '../org/org.schemas.ts';

export const DELIVERY_MODES = ['face_to_face', 'online', 'blended', 'school_based'] as const;
export const PROGRAMME_ROLES = ['master_trainer', 'trainer'] as const;
export const ENROLMENT_STATUSES = ['enrolled', 'waitlisted', 'withdrawn'] as const;
export const OFFERING_STATUSES = ['scheduled', 'cancelled'] as const;
export const RESULTS = ['completed', 'not_completed'] as const;
export const PLAN_STATUSES = ['draft', 'agreed', 'active', 'done'] as const;

const Id = z.string().min(1).max(64);
const Code = z.string().trim().min(1).max(64);
const Day = z.iso.date();
const Language = z.string().min(2).max(10);
const Url = z.url({ protocol: /^https?$/ }).max(2000);

export const IdParams = z.object({ id: Id });
export const PersonParams = z.object({ personId: Id });
export const UnitParams = z.object({ unitId: Id });
export const OfferingParams = z.object({ offeringId: Id });

const Outcome = z.strictObject({ itemId: Id, levelCode: z.string().trim().min(1).max(40) });

export const TrainerQualification = z
  .strictObject({
    programmeIds: z.array(Id).max(20).default([]),
    frameworkId: Id.optional().describe('Where the competencies are; the newest published standard when absent.'),
    competencies: z.array(Outcome).max(50).default([]),
  })
  .refine((q) => q.programmeIds.length > 0 || q.competencies.length > 0, {
    message: 'Name a programme to have completed or competencies to hold confirmed.',
    path: ['programmeIds'],
  })
  .describe(
    'Who may lead: someone who completed any of the programmes, or holds a confirmed level at least the one given in every competency listed.',
  );
export type TrainerQualificationInput = z.infer<typeof TrainerQualification>;

const QualificationOut = z.object({
  programmeIds: z.array(z.string()),
  frameworkId: z.string().nullable(),
  competencies: z.array(z.object({ itemId: z.string(), levelCode: z.string() })),
});

// ---- modules ----

/** Months after completion at which each completer is visited in class (follow-through). */
export const FollowThroughMonths = z
  .array(z.number().int().min(1).max(36))
  .max(6)
  .refine((m) => m.every((v, i) => i === 0 || v > m[i - 1]!), { message: 'months must rise, each once' })
  .describe(
    'Months after completion at which completers are visited in class, rising; [] for none; [1, 3, 6] when absent.',
  );
export const DEFAULT_FOLLOW_THROUGH_MONTHS = [1, 3, 6];

const ModuleFields = {
  code: Code,
  frameworkId: Id.optional().describe('A published framework version; the newest published one when absent.'),
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  outcomes: z.array(Outcome).min(1).max(50),
  hours: z.number().positive().max(1000),
  deliveryMode: z.enum(DELIVERY_MODES),
  languages: z.array(Language).min(1).max(10),
  materials: z
    .array(z.strictObject({ title: z.string().trim().min(1).max(200), url: Url }))
    .max(50)
    .default([]),
  prerequisiteIds: z.array(Id).max(20).default([]),
  trainerQualification: TrainerQualification.nullable().default(null),
  followThroughMonths: FollowThroughMonths.optional(),
};
export const CreateModuleBody = z.strictObject(ModuleFields);
export type CreateModuleInput = z.infer<typeof CreateModuleBody>;
export const UpdateModuleBody = z
  .strictObject({
    title: ModuleFields.title.optional(),
    summary: ModuleFields.summary.optional(),
    outcomes: ModuleFields.outcomes.optional(),
    hours: ModuleFields.hours.optional(),
    deliveryMode: ModuleFields.deliveryMode.optional(),
    languages: ModuleFields.languages.optional(),
    materials: z.array(z.strictObject({ title: z.string().trim().min(1).max(200), url: Url })).optional(),
    prerequisiteIds: z.array(Id).max(20).optional(),
    trainerQualification: TrainerQualification.nullable().optional(),
    followThroughMonths: FollowThroughMonths.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change.');
export type UpdateModuleInput = z.infer<typeof UpdateModuleBody>;

export const TrainingModule = z.object({
  id: z.string(),
  code: z.string(),
  frameworkId: z.string(),
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  displayTitle: Resolved,
  displaySummary: Resolved,
  /** `caseIdentifier` names the competency across versions of the standard (item ids are per version). */
  outcomes: z.array(
    z.object({
      itemId: z.string(),
      caseIdentifier: z.string(),
      code: z.string(),
      title: Resolved,
      levelCode: z.string(),
    }),
  ),
  hours: z.number(),
  deliveryMode: z.enum(DELIVERY_MODES),
  languages: z.array(z.string()),
  materials: z.array(z.object({ title: z.string(), url: z.string() })),
  prerequisiteIds: z.array(z.string()),
  trainerQualification: QualificationOut.nullable(),
  followThroughMonths: z.array(z.number()),
  updatedAt: z.string(),
});
export type TrainingModule = z.infer<typeof TrainingModule>;

export const CatalogueQuery = z.strictObject({
  itemId: Id.optional().describe('Modules with an outcome in this competency.'),
  levelCode: z.string().min(1).max(40).optional().describe('Modules with an outcome at this level.'),
  language: Language.optional(),
  mode: z.enum(DELIVERY_MODES).optional(),
});
export type CatalogueFilter = z.infer<typeof CatalogueQuery>;

// ---- programmes ----

export const CreateProgrammeBody = z
  .strictObject({
    code: Code,
    title: LocalizedTextSchema,
    summary: LocalizedTextSchema,
    moduleIds: z.array(Id).min(1).max(50).describe('In the order they are taken.'),
    leadsToRole: z.enum(PROGRAMME_ROLES).nullable().default(null),
    leadsToLevelCode: z.string().trim().min(1).max(40).nullable().default(null),
    trainerQualification: TrainerQualification.nullable().default(null),
    followThroughMonths: FollowThroughMonths.optional(),
  })
  .refine((b) => new Set(b.moduleIds).size === b.moduleIds.length, {
    message: 'A module appears twice.',
    path: ['moduleIds'],
  });
export type CreateProgrammeInput = z.infer<typeof CreateProgrammeBody>;

export const Programme = z.object({
  id: z.string(),
  code: z.string(),
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  displayTitle: Resolved,
  leadsToRole: z.enum(PROGRAMME_ROLES).nullable(),
  leadsToLevelCode: z.string().nullable(),
  completionRule: z.literal('all_modules'),
  modules: z.array(z.object({ id: z.string(), code: z.string(), title: Resolved, hours: z.number() })),
  hours: z.number(),
  trainerQualification: QualificationOut.nullable(),
  followThroughMonths: z.array(z.number()),
});
export type Programme = z.infer<typeof Programme>;

// ---- offerings ----

const AttendanceThreshold = z
  .number()
  .int()
  .min(1)
  .max(100)
  .describe('Percent of session days a participant attends to complete (rounded up to whole days).');

export const CreateOfferingBody = z
  .strictObject({
    moduleId: Id.optional(),
    programmeId: Id.optional(),
    hostUnitId: Id.describe('A teacher-education institution (tei) or resource centre.'),
    startDate: Day,
    endDate: Day,
    sessionDays: z.array(Day).min(1).max(200).optional().describe('Every day from start to end when absent.'),
    venue: z.string().trim().min(1).max(300).nullable().default(null),
    onlineUrl: Url.nullable().default(null),
    capacity: z.number().int().min(1).max(10000),
    language: Language,
    enrolOpens: Day.optional().describe('Today when absent.'),
    enrolCloses: Day.optional().describe('The start date when absent.'),
    trainerIds: z.array(Id).min(1).max(20),
    attendanceThreshold: AttendanceThreshold.optional().describe('80 when absent.'),
  })
  .refine((b) => (b.moduleId === undefined) !== (b.programmeId === undefined), {
    message: 'Give either moduleId or programmeId.',
    path: ['moduleId'],
  })
  .refine((b) => b.venue !== null || b.onlineUrl !== null, {
    message: 'Give a venue, an online link, or both.',
    path: ['venue'],
  });
export type CreateOfferingInput = z.infer<typeof CreateOfferingBody>;

export const Offering = z.object({
  id: z.string(),
  kind: z.enum(['module', 'programme']),
  moduleId: z.string().nullable(),
  programmeId: z.string().nullable(),
  title: Resolved,
  hostUnitId: z.string(),
  hostName: Resolved,
  startDate: z.string(),
  endDate: z.string(),
  sessionDays: z.array(z.string()),
  venue: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  capacity: z.number().int(),
  language: z.string(),
  enrolOpens: z.string(),
  enrolCloses: z.string(),
  hours: z.number(),
  trainers: z.array(z.object({ personId: z.string(), name: z.string() })),
  enrolled: z.number().int(),
  waitlisted: z.number().int(),
  /** A cancelled offering takes no enrolment, attendance or results; its roster stays as it was. */
  status: z.enum(OFFERING_STATUSES),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** Percent of session days a participant attends to complete. */
  attendanceThreshold: z.number().int(),
  /** The reader may change or cancel it (schedules at its host). */
  canManage: z.boolean(),
});
export type Offering = z.infer<typeof Offering>;

export const EditOfferingBody = z
  .strictObject({
    startDate: Day.optional(),
    endDate: Day.optional(),
    sessionDays: z
      .array(Day)
      .min(1)
      .max(200)
      .optional()
      .describe('When the dates change without them: every day from start to end.'),
    venue: z.string().trim().min(1).max(300).nullable().optional(),
    onlineUrl: Url.nullable().optional(),
    capacity: z.number().int().min(1).max(10000).optional(),
    enrolOpens: Day.optional(),
    enrolCloses: Day.optional(),
    trainerIds: z.array(Id).min(1).max(20).optional(),
    attendanceThreshold: AttendanceThreshold.optional(),
  })
  .describe('Only what changes; what is left out stays.');
export type EditOfferingInput = z.infer<typeof EditOfferingBody>;

export const CancelOfferingBody = z.strictObject({
  reason: z.string().trim().min(1).max(1000).describe('Told to everyone enrolled or waitlisted.'),
});

export const SchedulingQuery = z.strictObject({ moduleId: Id.optional(), programmeId: Id.optional() });
export const SchedulingOptions = z.object({
  hosts: z.array(z.object({ id: z.string(), name: Resolved, type: z.enum(['tei', 'resource_centre']) })),
  trainers: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      unitName: Resolved,
      /** Holds the qualification of the module or programme asked about (always true when none is asked). */
      qualified: z.boolean(),
    }),
  ),
});
export type SchedulingOptions = z.infer<typeof SchedulingOptions>;

export const OfferingQuery = z.strictObject({
  moduleId: Id.optional(),
  programmeId: Id.optional(),
  hostUnitId: Id.optional(),
  from: Day.optional().describe('Offerings ending on or after this day.'),
  ledBy: Id.optional().describe('Offerings this person leads.'),
  status: z.enum(OFFERING_STATUSES).optional().describe('Both when absent (a cancelled one is marked cancelled).'),
});

export const Enrolment = z.object({
  id: z.string(),
  offeringId: z.string(),
  personId: z.string(),
  personName: z.string(),
  nationalId: z.string().nullable(),
  /** The participant's school (or other unit): two people of one name are told apart by it. */
  schoolName: Resolved,
  status: z.enum(ENROLMENT_STATUSES),
  nominatedByAccountId: z.string().nullable(),
  queuedAt: z.string(),
  result: z.enum(RESULTS).nullable(),
  score: z.number().nullable(),
  completedOn: z.string().nullable(),
  cpdHours: z.number().nullable(),
});
export type Enrolment = z.infer<typeof Enrolment>;

export const EnrolBody = z.strictObject({
  personId: Id.optional().describe('Yourself when absent.'),
});
export const NominateBody = z.strictObject({ personIds: z.array(Id).min(1).max(500) });

/** A person named twice in one request would be written twice: each later naming is refused. */
function eachPersonOnce(rows: { personId: string }[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  for (const [n, row] of rows.entries()) {
    if (seen.has(row.personId))
      ctx.addIssue({ code: 'custom', message: 'This person appears earlier in the list.', path: [n, 'personId'] });
    seen.add(row.personId);
  }
}

export const AttendanceBody = z.strictObject({
  day: Day,
  records: z
    .array(z.strictObject({ personId: Id, present: z.boolean() }))
    .min(1)
    .max(1000)
    .superRefine(eachPersonOnce),
});
export type AttendanceInput = z.infer<typeof AttendanceBody>;
export const AttendanceSheet = z.object({
  offeringId: z.string(),
  days: z.array(z.string()),
  rows: z.array(
    z.object({
      personId: z.string(),
      personName: z.string(),
      nationalId: z.string().nullable(),
      schoolName: Resolved,
      present: z.record(z.string(), z.boolean()),
    }),
  ),
});

export const ResultsBody = z.strictObject({
  results: z
    .array(
      z.strictObject({
        personId: Id,
        result: z.enum(RESULTS),
        score: z.number().min(0).max(100).nullable().default(null),
        completedOn: Day.optional().describe('The offering’s end date when absent.'),
      }),
    )
    .min(1)
    .max(1000)
    .superRefine(eachPersonOnce),
});
export type ResultsInput = z.infer<typeof ResultsBody>;
export const ResultsSummary = z.object({
  offeringId: z.string(),
  completed: z.number().int(),
  notCompleted: z.number().int(),
  attendanceMarks: z.number().int(),
  enrolments: z.array(Enrolment),
});

export const ResultsImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Check every row and report the counts as they would be, writing nothing.'),
});

/** The summary after the file, or as it would be after it (dryRun: nothing was written). */
export const ResultsImportSummary = ResultsSummary.extend({
  rows: z.number().int().describe('Lines of the file (after its header).'),
  dryRun: z.boolean(),
});

// ---- transcript ----

export const TranscriptQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('The current year when absent.'),
});
export const Transcript = z.object({
  personId: z.string(),
  personName: z.string(),
  year: z.number().int(),
  totalHours: z.number(),
  modulesCompleted: z.number().int(),
  entries: z.array(
    z.object({
      enrolmentId: z.string(),
      offeringId: z.string(),
      kind: z.enum(['module', 'programme']),
      code: z.string(),
      title: Resolved,
      completedOn: z.string(),
      hours: z.number(),
      score: z.number().nullable(),
      moduleCodes: z.array(z.string()),
    }),
  ),
});
export type Transcript = z.infer<typeof Transcript>;

// ---- certificate of attendance ----

export const Certificate = z.object({
  enrolmentId: z.string(),
  certificateNumber: z.string().describe('Derived from the enrolment id: the same on every copy.'),
  personId: z.string(),
  personName: z.string(),
  nationalId: z.string().nullable(),
  offeringId: z.string(),
  kind: z.enum(['module', 'programme']),
  code: z.string(),
  title: Resolved,
  startDate: z.string(),
  endDate: z.string(),
  hostName: Resolved,
  trainers: z.array(z.string()),
  cpdHours: z.number(),
  completedOn: z.string(),
  outcomes: z.array(
    z.object({ itemId: z.string(), code: z.string(), title: Resolved, levelCode: z.string(), levelTitle: Resolved }),
  ),
  issuer: Resolved.describe('The issuing tenant’s name.'),
});
export type Certificate = z.infer<typeof Certificate>;

// ---- development plans ----

export const GeneratePlanBody = z.strictObject({ frameworkId: Id.optional() });

export const PlanItemBody = z.strictObject({
  itemId: Id,
  targetLevelCode: z.string().trim().min(1).max(40),
  moduleId: Id.nullable().default(null),
  plannedStart: Day.nullable().default(null),
  plannedEnd: Day.nullable().default(null),
  note: z.string().trim().min(1).max(1000).nullable().default(null),
});
export const EditPlanBody = z.strictObject({ items: z.array(PlanItemBody).max(100) });
export type EditPlanInput = z.infer<typeof EditPlanBody>;
export const PlanStatusBody = z.strictObject({ status: z.enum(PLAN_STATUSES) });

export const Plan = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  frameworkId: z.string(),
  targetLevelCode: z.string().nullable(),
  status: z.enum(PLAN_STATUSES),
  agreedByAccountId: z.string().nullable(),
  agreedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  items: z.array(
    z.object({
      itemId: z.string(),
      code: z.string(),
      title: Resolved,
      currentLevelCode: z.string().nullable(),
      targetLevelCode: z.string(),
      moduleId: z.string().nullable(),
      moduleTitle: Resolved.nullable(),
      plannedStart: z.string().nullable(),
      plannedEnd: z.string().nullable(),
      note: z.string().nullable(),
      /** The proposed module is completed. */
      trained: z.boolean(),
      confirmedLevelCode: z.string().nullable(),
      /** A confirmed level at or above the item's target. */
      achieved: z.boolean(),
    }),
  ),
  progress: z.object({ items: z.number().int(), trained: z.number().int(), achieved: z.number().int() }),
});
export type Plan = z.infer<typeof Plan>;

export const PlanSummary = Plan.omit({ items: true });

export const Demand = z.object({
  unitId: z.string(),
  modules: z.array(
    z.object({
      moduleId: z.string(),
      code: z.string(),
      title: Resolved,
      /** Plan items (not done) proposing the module. */
      proposed: z.number().int(),
      completed: z.number().int(),
      enrolled: z.number().int(),
      /** Proposed, not completed, not enrolled or waitlisted: still to be planned. */
      remaining: z.number().int(),
      upcomingSeats: z.number().int(),
    }),
  ),
});

const Reach = z.object({
  masterTrainers: z.number().int(),
  trainers: z.number().int(),
  teachersReached: z.number().int(),
});
export const Cascade = z.object({
  unitId: z.string(),
  totals: Reach,
  regions: z.array(Reach.extend({ unitId: z.string(), name: Resolved })),
  masterTrainers: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      trainersTrained: z.number().int(),
      teachersReached: z.number().int(),
    }),
  ),
});
