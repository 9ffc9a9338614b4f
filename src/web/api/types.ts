// Types come from the server's zod schemas: one definition for both sides (type-only, no runtime code).
// Screens whose routes are in the route map take their types from api/routes.ts (ApiResponse, ApiInput);
// what is here is for the areas not moved yet and for shapes that are not a route's answer (faults).
import type { z } from 'zod';
import type { Me as MeSchema } from '../../server/modules/accounts/accounts.schemas.ts';

export type Me = z.infer<typeof MeSchema>;
export type ImportFault = { line: number; column: string; message: string };
export type { FrameworkDetail, Item as FrameworkItem } from '../../server/modules/frameworks/frameworks.schemas.ts';

/** A fault of a rejected framework file: a JSON path (CASE) or a line and column (CSV). */
export type FrameworkFault = { path?: string; line?: number; column?: string; message: string };

import type {
  Evidence as EvidenceSchema,
  Instrument as InstrumentSchema,
  Portfolio as PortfolioSchema,
  ReviewRequest as ReviewRequestSchema,
} from '../../server/modules/assessment/assessment.schemas.ts';

export type Instrument = z.infer<typeof InstrumentSchema>;
export type Portfolio = z.infer<typeof PortfolioSchema>;
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;
export type Evidence = z.infer<typeof EvidenceSchema>;
export { NOT_YET, OBSERVED_PRACTICES } from '../../server/modules/assessment/assessment.constants.ts';

import type {
  AttendanceSheet as AttendanceSheetSchema,
  Cascade as CascadeSchema,
  Enrolment as EnrolmentSchema,
  Offering as OfferingSchema,
  Plan as PlanSchema,
  ResultsSummary as ResultsSummarySchema,
  DELIVERY_MODES as ServerModes,
  TrainingModule as TrainingModuleSchema,
} from '../../server/modules/training/training.schemas.ts';

export type TrainingModule = z.infer<typeof TrainingModuleSchema>;
export type Offering = z.infer<typeof OfferingSchema>;
export type Enrolment = z.infer<typeof EnrolmentSchema>;
export type AttendanceSheet = z.infer<typeof AttendanceSheetSchema>;
export type ResultsSummary = z.infer<typeof ResultsSummarySchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type Cascade = z.infer<typeof CascadeSchema>;
/** A fault of a rejected results file: its line and column. */
export type ResultsFault = { line: number; column: string; message: string };
// A copy of the server's list (its schema file loads zod); the type keeps them equal.
export const DELIVERY_MODES: typeof ServerModes = ['face_to_face', 'online', 'blended', 'school_based'];

export type { FactSpec, Indicator } from '../../server/modules/monitoring/indicators.schemas.ts';
