// Types come from the server's zod schemas: one definition for both sides (type-only, no runtime code).
// Screens whose routes are in the route map take their types from api/routes.ts (ApiResponse, ApiInput);
// what is here is for the areas not moved yet and for shapes that are not a route's answer (faults).
import type { z } from 'zod';
import type { Me as MeSchema } from '../../server/modules/accounts/accounts.schemas.ts';
import type {
  OrgUnitDetail as OrgUnitDetailSchema,
  OrgUnit as OrgUnitSchema,
} from '../../server/modules/org/org.schemas.ts';
import type {
  PeoplePage as PeoplePageSchema,
  Person as PersonSchema,
} from '../../server/modules/people/people.schemas.ts';

export type Me = z.infer<typeof MeSchema>;
export type UnitDetail = z.infer<typeof OrgUnitDetailSchema>;
export type PeoplePage = z.infer<typeof PeoplePageSchema>;
export type Person = z.infer<typeof PersonSchema> & { orgUnit: z.infer<typeof OrgUnitSchema> };
export type ImportFault = { line: number; column: string; message: string };
export type {
  FrameworkDetail,
  FrameworkSummary,
  Item as FrameworkItem,
} from '../../server/modules/frameworks/frameworks.schemas.ts';

/** A fault of a rejected framework file: a JSON path (CASE) or a line and column (CSV). */
export type FrameworkFault = { path?: string; line?: number; column?: string; message: string };

import type {
  AssessmentEvent as AssessmentEventSchema,
  CoachingVisit as CoachingVisitSchema,
  Evidence as EvidenceSchema,
  Feedback as FeedbackSchema,
  GroupReport as GroupReportSchema,
  Instrument as InstrumentSchema,
  Observation as ObservationSchema,
  Portfolio as PortfolioSchema,
  ReviewRequest as ReviewRequestSchema,
  SelfAssessment as SelfAssessmentSchema,
} from '../../server/modules/assessment/assessment.schemas.ts';

export type Instrument = z.infer<typeof InstrumentSchema>;
export type SelfAssessment = z.infer<typeof SelfAssessmentSchema>;
export type Feedback = z.infer<typeof FeedbackSchema>;
export type GroupReport = z.infer<typeof GroupReportSchema>;
export type Portfolio = z.infer<typeof PortfolioSchema>;
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;
export type Evidence = z.infer<typeof EvidenceSchema>;
export type AssessmentEvent = z.infer<typeof AssessmentEventSchema>;
export type Observation = z.infer<typeof ObservationSchema>;
export type CoachingVisit = z.infer<typeof CoachingVisitSchema>;
export { EVENT_KINDS, NOT_YET, OBSERVED_PRACTICES } from '../../server/modules/assessment/assessment.constants.ts';

import type {
  AttendanceSheet as AttendanceSheetSchema,
  Cascade as CascadeSchema,
  Certificate as CertificateSchema,
  Demand as DemandSchema,
  Enrolment as EnrolmentSchema,
  Offering as OfferingSchema,
  Plan as PlanSchema,
  PlanSummary as PlanSummarySchema,
  Programme as ProgrammeSchema,
  ResultsSummary as ResultsSummarySchema,
  SchedulingOptions as SchedulingOptionsSchema,
  DELIVERY_MODES as ServerModes,
  PLAN_STATUSES as ServerPlanStatuses,
  TrainingModule as TrainingModuleSchema,
  Transcript as TranscriptSchema,
} from '../../server/modules/training/training.schemas.ts';

export type TrainingModule = z.infer<typeof TrainingModuleSchema>;
export type Programme = z.infer<typeof ProgrammeSchema>;
export type Offering = z.infer<typeof OfferingSchema>;
export type Enrolment = z.infer<typeof EnrolmentSchema>;
export type AttendanceSheet = z.infer<typeof AttendanceSheetSchema>;
export type ResultsSummary = z.infer<typeof ResultsSummarySchema>;
export type Transcript = z.infer<typeof TranscriptSchema>;
export type Certificate = z.infer<typeof CertificateSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type PlanSummary = z.infer<typeof PlanSummarySchema>;
export type Demand = z.infer<typeof DemandSchema>;
export type Cascade = z.infer<typeof CascadeSchema>;
export type SchedulingOptions = z.infer<typeof SchedulingOptionsSchema>;
/** A fault of a rejected results file: its line and column. */
export type ResultsFault = { line: number; column: string; message: string };
// Copies of the server's lists (its schema file loads zod); the types keep them equal.
export const DELIVERY_MODES: typeof ServerModes = ['face_to_face', 'online', 'blended', 'school_based'];
export const PLAN_STATUSES: typeof ServerPlanStatuses = ['draft', 'agreed', 'active', 'done'];

export type {
  FactSpec,
  Figure,
  Indicator,
  IndicatorDashboard,
  IndicatorFigures,
  IndicatorInput,
  Logframe,
  TargetsInput,
} from '../../server/modules/monitoring/indicators.schemas.ts';

import type {
  Alignment as PolicyAlignmentSchema,
  TargetsView as TargetsViewSchema,
} from '../../server/modules/monitoring/indicators.schemas.ts';

/** Policy goals > competencies > attainment under a unit (the monitoring side of alignment). */
export type PolicyAlignment = z.infer<typeof PolicyAlignmentSchema>;
/** A unit's roadmap for one indicator: its own baseline and targets, and those in effect there. */
export type Roadmap = z.infer<typeof TargetsViewSchema>;
export type { Dashboard } from '../../server/modules/monitoring/monitoring.schemas.ts';
