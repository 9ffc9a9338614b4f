import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
import {
  AttendanceBody,
  AttendanceSheet,
  CancelOfferingBody,
  Cascade,
  CatalogueQuery,
  Certificate,
  CreateModuleBody,
  CreateOfferingBody,
  CreateProgrammeBody,
  Demand,
  EditOfferingBody,
  EditPlanBody,
  EnrolBody,
  Enrolment,
  GeneratePlanBody,
  IdParams,
  NominateBody,
  Offering,
  OfferingParams,
  OfferingQuery,
  PersonParams,
  Plan,
  PlanStatusBody,
  PlanSummary,
  Programme,
  ResultsBody,
  ResultsImportQuery,
  ResultsImportSummary,
  ResultsSummary,
  SchedulingOptions,
  SchedulingQuery,
  TrainingModule,
  Transcript,
  TranscriptQuery,
  UnitParams,
  UpdateModuleBody,
} from './training.schemas.ts';

/** The catalogue, offerings, enrolment, results, records and development plans (the *.routes.ts files here). */
export const trainingApi = {
  // ---- catalogue.routes.ts ----
  'GET /api/training/modules': {
    querystring: CatalogueQuery,
    response: { 200: z.object({ items: z.array(TrainingModule) }) },
  },
  'POST /api/training/modules': { body: CreateModuleBody, response: { 201: TrainingModule } },
  'GET /api/training/modules/:id': { params: IdParams, response: { 200: TrainingModule } },
  'PATCH /api/training/modules/:id': { params: IdParams, body: UpdateModuleBody, response: { 200: TrainingModule } },
  'GET /api/training/programmes': { response: { 200: z.object({ items: z.array(Programme) }) } },
  'POST /api/training/programmes': { body: CreateProgrammeBody, response: { 201: Programme } },
  'GET /api/training/programmes/:id': { params: IdParams, response: { 200: Programme } },

  // ---- offerings.routes.ts ----
  'GET /api/training/scheduling-options': {
    querystring: SchedulingQuery,
    response: { 200: SchedulingOptions },
    description:
      'Institutions you may schedule at and trainers to choose from, marked qualified for the module or programme given.',
  },
  'GET /api/offerings': { querystring: OfferingQuery, response: { 200: z.object({ items: z.array(Offering) }) } },
  'POST /api/offerings': {
    body: CreateOfferingBody,
    response: { 201: Offering },
    description:
      'Needs offerings.manage at the host or in the area it serves; every trainer must hold the qualification of the module or programme (trainer_not_qualified).',
  },
  'GET /api/offerings/:offeringId': { params: OfferingParams, response: { 200: Offering } },
  'PATCH /api/offerings/:offeringId': {
    params: OfferingParams,
    body: EditOfferingBody,
    response: { 200: Offering },
    description:
      'Whoever may schedule at the host. Refused for a cancelled offering (offering_cancelled), below the enrolled count (capacity_below_enrolled), or when attendance or results already recorded would be dropped (offering_has_records). Everyone on the roster and the trainers are told what changed.',
  },
  'POST /api/offerings/:offeringId/cancel': {
    params: OfferingParams,
    body: CancelOfferingBody,
    response: { 200: Offering },
    description:
      'Whoever may schedule at the host. Enrolments stay as they were; the offering takes no enrolment, attendance or results any more (offering_cancelled). Refused once results are recorded (offering_has_records). Everyone on the roster is told the reason.',
  },

  // ---- enrolment.routes.ts ----
  'GET /api/offerings/:offeringId/enrolments': {
    params: OfferingParams,
    response: { 200: z.object({ items: z.array(Enrolment) }) },
    description: 'All of it for trainers and managers; for others the people in their scope and themselves.',
  },
  'POST /api/offerings/:offeringId/enrolments': {
    params: OfferingParams,
    body: EnrolBody,
    response: { 201: Enrolment },
    description: 'Enrols you (status enrolled, or waitlisted when full); with personId, nominates that person.',
  },
  'POST /api/offerings/:offeringId/nominations': {
    params: OfferingParams,
    body: NominateBody,
    response: { 201: z.object({ items: z.array(Enrolment) }) },
    description: 'Enrols people in your scope in the order given; past capacity they are waitlisted.',
  },
  'POST /api/enrolments/:id/withdraw': {
    params: IdParams,
    response: { 200: z.object({ withdrawn: Enrolment, promoted: Enrolment.nullable() }) },
    description: 'A freed seat goes to the first on the waitlist in the same transaction.',
  },
  'GET /api/people/:personId/enrolments': {
    params: PersonParams,
    response: { 200: z.object({ items: z.array(Enrolment.extend({ offering: Offering })) }) },
  },

  // ---- results.routes.ts ----
  'GET /api/offerings/:offeringId/attendance': { params: OfferingParams, response: { 200: AttendanceSheet } },
  'PUT /api/offerings/:offeringId/attendance': {
    params: OfferingParams,
    body: AttendanceBody,
    response: { 200: AttendanceSheet },
  },
  'PUT /api/offerings/:offeringId/results': {
    params: OfferingParams,
    body: ResultsBody,
    response: { 200: ResultsSummary },
    description: 'A completion credits CPD hours and marks the outcomes "trained" in the ledger; it is final.',
  },
  /** The body is the CSV file itself (an upload), so there is no body schema. */
  'POST /api/offerings/:offeringId/results/import': {
    params: OfferingParams,
    querystring: ResultsImportQuery,
    response: { 200: ResultsImportSummary },
    description:
      'CSV: national_id, then any of name, result (completed|not_completed), score, completed_on, and one column per session day (1/0). All or nothing: csv_invalid lists each fault with its line. dryRun=true checks every row and answers the counts as they would be, writing nothing.',
  },

  // ---- records.routes.ts ----
  'GET /api/people/:personId/transcript': {
    params: PersonParams,
    querystring: TranscriptQuery,
    response: { 200: Transcript },
  },
  'GET /api/people/:personId/transcript/export': {
    params: PersonParams,
    querystring: TranscriptQuery,
    description: 'The transcript as CSV.',
  },
  'GET /api/enrolments/:id/certificate': {
    params: IdParams,
    response: { 200: Certificate },
    description:
      'What the certificate of attendance states. For the participant, the offering’s trainers, managers of its host and readers of the participant; 409 not_completed before completion.',
  },
  'GET /api/units/:unitId/training-cascade': { params: UnitParams, response: { 200: Cascade } },

  // ---- plans.routes.ts ----
  'POST /api/people/:personId/development-plans': {
    params: PersonParams,
    body: GeneratePlanBody,
    response: { 201: Plan },
    description: 'Proposes a draft from the gaps against the target level; replaces an earlier draft.',
  },
  'GET /api/people/:personId/development-plans': {
    params: PersonParams,
    response: { 200: z.object({ items: z.array(Plan) }) },
  },
  'GET /api/development-plans/:id': { params: IdParams, response: { 200: Plan } },
  'PUT /api/development-plans/:id/items': { params: IdParams, body: EditPlanBody, response: { 200: Plan } },
  'POST /api/development-plans/:id/status': { params: IdParams, body: PlanStatusBody, response: { 200: Plan } },
  'GET /api/units/:unitId/development-plans': {
    params: UnitParams,
    response: { 200: z.object({ items: z.array(PlanSummary) }) },
  },
  'GET /api/units/:unitId/training-demand': { params: UnitParams, response: { 200: Demand } },
} as const satisfies ApiMap;
