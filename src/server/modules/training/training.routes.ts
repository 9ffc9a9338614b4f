import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import * as plans from './plans.service.ts';
import * as records from './records.service.ts';
import { importResults } from './training.import.ts';
import {
  AttendanceBody,
  AttendanceSheet,
  Cascade,
  CatalogueQuery,
  Certificate,
  CreateModuleBody,
  CreateOfferingBody,
  CreateProgrammeBody,
  Demand,
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
import * as training from './training.service.ts';

const tags = ['training'];
const MAX_RESULTS_BYTES = 5 * 1024 * 1024;

export function trainingRoutes(app: ZodApp) {
  app.register(async (scope) => resultsImportRoute(scope as ZodApp));

  // ---- the catalogue ----
  app.get(
    '/api/training/modules',
    { schema: { tags, querystring: CatalogueQuery, response: { 200: z.object({ items: z.array(TrainingModule) }) } } },
    async (req) => ({ items: await training.listModules(req.ctx, req.query) }),
  );
  app.post(
    '/api/training/modules',
    { schema: { tags, body: CreateModuleBody, response: { 201: TrainingModule } } },
    async (req, reply) => reply.code(201).send(await training.createModule(req.ctx, req.body)),
  );
  app.get(
    '/api/training/modules/:id',
    { schema: { tags, params: IdParams, response: { 200: TrainingModule } } },
    (req) => training.getModule(req.ctx, req.params.id),
  );
  app.patch(
    '/api/training/modules/:id',
    { schema: { tags, params: IdParams, body: UpdateModuleBody, response: { 200: TrainingModule } } },
    (req) => training.updateModule(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/training/programmes',
    { schema: { tags, response: { 200: z.object({ items: z.array(Programme) }) } } },
    async (req) => ({ items: await training.listProgrammes(req.ctx) }),
  );
  app.post(
    '/api/training/programmes',
    { schema: { tags, body: CreateProgrammeBody, response: { 201: Programme } } },
    async (req, reply) => reply.code(201).send(await training.createProgramme(req.ctx, req.body)),
  );
  app.get('/api/training/programmes/:id', { schema: { tags, params: IdParams, response: { 200: Programme } } }, (req) =>
    training.getProgramme(req.ctx, req.params.id),
  );

  // ---- offerings ----
  app.get(
    '/api/training/scheduling-options',
    {
      schema: {
        tags,
        querystring: SchedulingQuery,
        response: { 200: SchedulingOptions },
        description:
          'Institutions you may schedule at and trainers to choose from, marked qualified for the module or programme given.',
      },
    },
    (req) => training.schedulingOptions(req.ctx, req.query),
  );
  app.get(
    '/api/offerings',
    { schema: { tags, querystring: OfferingQuery, response: { 200: z.object({ items: z.array(Offering) }) } } },
    async (req) => ({ items: await training.listOfferings(req.ctx, req.query) }),
  );
  app.post(
    '/api/offerings',
    {
      schema: {
        tags,
        body: CreateOfferingBody,
        response: { 201: Offering },
        description:
          'Needs training.manage at the host or in the area it serves; every trainer must hold the qualification of the module or programme (trainer_not_qualified).',
      },
    },
    async (req, reply) => reply.code(201).send(await training.createOffering(req.ctx, req.body)),
  );
  app.get(
    '/api/offerings/:offeringId',
    { schema: { tags, params: OfferingParams, response: { 200: Offering } } },
    (req) => training.getOffering(req.ctx, req.params.offeringId),
  );
  app.get(
    '/api/offerings/:offeringId/enrolments',
    {
      schema: {
        tags,
        params: OfferingParams,
        response: { 200: z.object({ items: z.array(Enrolment) }) },
        description: 'All of it for trainers and managers; for others the people in their scope and themselves.',
      },
    },
    async (req) => ({ items: await training.listEnrolments(req.ctx, req.params.offeringId) }),
  );
  app.post(
    '/api/offerings/:offeringId/enrolments',
    {
      schema: {
        tags,
        params: OfferingParams,
        body: EnrolBody,
        response: { 201: Enrolment },
        description: 'Enrols you (status enrolled, or waitlisted when full); with personId, nominates that person.',
      },
    },
    async (req, reply) => {
      const { personId } = req.body;
      const enrolment =
        personId && personId !== req.ctx.actor.personId
          ? (await training.nominate(req.ctx, req.params.offeringId, [personId]))[0]!
          : await training.enrol(req.ctx, req.params.offeringId);
      return reply.code(201).send(enrolment);
    },
  );
  app.post(
    '/api/offerings/:offeringId/nominations',
    {
      schema: {
        tags,
        params: OfferingParams,
        body: NominateBody,
        response: { 201: z.object({ items: z.array(Enrolment) }) },
        description: 'Enrols people in your scope in the order given; past capacity they are waitlisted.',
      },
    },
    async (req, reply) =>
      reply.code(201).send({ items: await training.nominate(req.ctx, req.params.offeringId, req.body.personIds) }),
  );
  app.post(
    '/api/enrolments/:id/withdraw',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: z.object({ withdrawn: Enrolment, promoted: Enrolment.nullable() }) },
        description: 'A freed seat goes to the first on the waitlist in the same transaction.',
      },
    },
    (req) => training.withdraw(req.ctx, req.params.id),
  );
  app.get(
    '/api/offerings/:offeringId/attendance',
    { schema: { tags, params: OfferingParams, response: { 200: AttendanceSheet } } },
    (req) => training.attendanceSheet(req.ctx, req.params.offeringId),
  );
  app.put(
    '/api/offerings/:offeringId/attendance',
    { schema: { tags, params: OfferingParams, body: AttendanceBody, response: { 200: AttendanceSheet } } },
    (req) => training.recordAttendance(req.ctx, req.params.offeringId, req.body),
  );
  app.put(
    '/api/offerings/:offeringId/results',
    {
      schema: {
        tags,
        params: OfferingParams,
        body: ResultsBody,
        response: { 200: ResultsSummary },
        description: 'A completion credits CPD hours and marks the outcomes "trained" in the ledger; it is final.',
      },
    },
    (req) => training.recordResults(req.ctx, req.params.offeringId, req.body),
  );

  // ---- records ----
  app.get(
    '/api/people/:personId/transcript',
    { schema: { tags, params: PersonParams, querystring: TranscriptQuery, response: { 200: Transcript } } },
    (req) => records.transcript(req.ctx, req.params.personId, req.query.year),
  );
  app.get(
    '/api/people/:personId/transcript/export',
    { schema: { tags, params: PersonParams, querystring: TranscriptQuery, description: 'The transcript as CSV.' } },
    async (req, reply) => {
      const t = await records.transcript(req.ctx, req.params.personId, req.query.year);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="cpd-transcript-${t.year}.csv"`)
        .send(records.transcriptCsv(t));
    },
  );
  app.get(
    '/api/enrolments/:id/certificate',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: Certificate },
        description:
          'What the certificate of attendance states. For the participant, the offering’s trainers, managers of its host and readers of the participant; 409 not_completed before completion.',
      },
    },
    (req) => records.certificate(req.ctx, req.params.id),
  );
  app.get(
    '/api/people/:personId/enrolments',
    {
      schema: {
        tags,
        params: PersonParams,
        response: { 200: z.object({ items: z.array(Enrolment.extend({ offering: Offering })) }) },
      },
    },
    async (req) => ({ items: await training.enrolmentsOfPerson(req.ctx, req.params.personId) }),
  );
  app.get(
    '/api/units/:unitId/training-cascade',
    { schema: { tags, params: UnitParams, response: { 200: Cascade } } },
    (req) => records.cascade(req.ctx, req.params.unitId),
  );

  // ---- development plans ----
  app.post(
    '/api/people/:personId/development-plans',
    {
      schema: {
        tags,
        params: PersonParams,
        body: GeneratePlanBody,
        response: { 201: Plan },
        description: 'Proposes a draft from the gaps against the target level; replaces an earlier draft.',
      },
    },
    async (req, reply) =>
      reply.code(201).send(await plans.generatePlan(req.ctx, req.params.personId, req.body.frameworkId)),
  );
  app.get(
    '/api/people/:personId/development-plans',
    { schema: { tags, params: PersonParams, response: { 200: z.object({ items: z.array(Plan) }) } } },
    async (req) => ({ items: await plans.plansOf(req.ctx, req.params.personId) }),
  );
  app.get('/api/development-plans/:id', { schema: { tags, params: IdParams, response: { 200: Plan } } }, (req) =>
    plans.getPlan(req.ctx, req.params.id),
  );
  app.put(
    '/api/development-plans/:id/items',
    { schema: { tags, params: IdParams, body: EditPlanBody, response: { 200: Plan } } },
    (req) => plans.editPlan(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/development-plans/:id/status',
    { schema: { tags, params: IdParams, body: PlanStatusBody, response: { 200: Plan } } },
    (req) => plans.setPlanStatus(req.ctx, req.params.id, req.body.status),
  );
  app.get(
    '/api/units/:unitId/development-plans',
    { schema: { tags, params: UnitParams, response: { 200: z.object({ items: z.array(PlanSummary) }) } } },
    async (req) => ({ items: await plans.plansUnder(req.ctx, req.params.unitId) }),
  );
  app.get(
    '/api/units/:unitId/training-demand',
    { schema: { tags, params: UnitParams, response: { 200: Demand } } },
    (req) => plans.demand(req.ctx, req.params.unitId),
  );
}

/** The results file arrives as raw bytes so invalid UTF-8 is found and located, not replaced. */
function resultsImportRoute(app: ZodApp) {
  acceptUploads(app, MAX_RESULTS_BYTES);
  app.post(
    '/api/offerings/:offeringId/results/import',
    {
      schema: {
        tags,
        params: OfferingParams,
        querystring: ResultsImportQuery,
        response: { 200: ResultsImportSummary },
        description:
          'CSV: national_id, then any of name, result (completed|not_completed), score, completed_on, and one column per session day (1/0). All or nothing: csv_invalid lists each fault with its line. dryRun=true checks every row and answers the counts as they would be, writing nothing.',
      },
    },
    async (req) =>
      importResults(req.ctx, req.params.offeringId, await requireUpload(req.body).bytes(), {
        dryRun: req.query.dryRun,
      }),
  );
}
