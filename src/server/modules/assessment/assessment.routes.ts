import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import type { FileStore } from '../../shared/storage.ts';
import {
  AddEvidenceBody,
  AnswersBody,
  AskEvidenceBody,
  AssessmentEvent,
  CoachingBody,
  CoachingVisit,
  CompetencyStatus,
  DecideBody,
  EventParams,
  Evidence,
  Feedback,
  FrameworkQuery,
  GroupReport,
  IdParams,
  Instrument,
  LevelTarget,
  LinkBody,
  Observation,
  ObservationBody,
  PersonParams,
  Portfolio,
  RateBody,
  RequestReviewBody,
  ReviewListQuery,
  ReviewRequest,
  SelfAssessment,
  StartBody,
  SupersedeBody,
  TargetBody,
  TargetParams,
  UnitParams,
  UploadQuery,
} from './assessment.schemas.ts';
import * as ledger from './assessment.service.ts';
import * as evidence from './evidence.service.ts';
import * as observations from './observation.service.ts';
import { portfolio } from './portfolio.service.ts';
import * as reports from './reports.service.ts';
import * as reviews from './reviews.service.ts';
import * as self from './selfassessment.service.ts';

const tags = ['assessment'];

export function assessmentRoutes(app: ZodApp, files: FileStore) {
  app.register(async (scope) => evidenceUploadRoute(scope as ZodApp, files));

  // ---- self-assessment (the signed-in person about themself) ----
  app.get(
    '/api/self-assessment/instrument',
    { schema: { tags, querystring: FrameworkQuery, response: { 200: Instrument } } },
    (req) => self.instrument(req.ctx, req.query.frameworkId),
  );
  app.get(
    '/api/self-assessment',
    {
      schema: {
        tags,
        querystring: FrameworkQuery,
        response: { 200: z.object({ selfAssessment: SelfAssessment.nullable() }) },
      },
    },
    async (req) => ({ selfAssessment: await self.currentSelfAssessment(req.ctx, req.query.frameworkId) }),
  );
  app.post('/api/self-assessments', { schema: { tags, body: StartBody, response: { 200: SelfAssessment } } }, (req) =>
    self.startSelfAssessment(req.ctx, req.body.frameworkId),
  );
  app.patch(
    '/api/self-assessments/:id',
    { schema: { tags, params: IdParams, body: AnswersBody, response: { 200: SelfAssessment } } },
    (req) => self.saveAnswers(req.ctx, req.params.id, req.body.answers),
  );
  app.post(
    '/api/self-assessments/:id/submit',
    { schema: { tags, params: IdParams, response: { 200: SelfAssessment } } },
    (req) => self.submitSelfAssessment(req.ctx, req.params.id),
  );

  // ---- a person's results ----
  app.get(
    '/api/people/:personId/feedback',
    { schema: { tags, params: PersonParams, querystring: FrameworkQuery, response: { 200: Feedback } } },
    (req) => reports.feedback(req.ctx, req.params.personId, req.query.frameworkId),
  );
  app.get(
    '/api/people/:personId/competencies',
    {
      schema: {
        tags,
        params: PersonParams,
        querystring: FrameworkQuery,
        response: { 200: z.object({ items: z.array(CompetencyStatus) }) },
      },
    },
    async (req) => ({ items: await ledger.statusOf(req.ctx, req.params.personId, req.query.frameworkId) }),
  );
  app.get(
    '/api/people/:personId/assessment-events',
    {
      schema: {
        tags,
        params: PersonParams,
        querystring: FrameworkQuery,
        response: { 200: z.object({ items: z.array(AssessmentEvent) }) },
      },
    },
    async (req) => ({ items: await ledger.listEvents(req.ctx, req.params.personId, req.query.frameworkId) }),
  );
  app.post(
    '/api/people/:personId/assessment-events/:eventId/supersede',
    {
      schema: {
        tags,
        params: EventParams,
        body: SupersedeBody,
        response: { 201: AssessmentEvent },
        description: 'Corrects an event with a new one that names it and says why; the ledger is never rewritten.',
      },
    },
    async (req, reply) =>
      reply.code(201).send(await ledger.supersede(req.ctx, req.params.personId, req.params.eventId, req.body)),
  );
  app.get(
    '/api/people/:personId/portfolio',
    { schema: { tags, params: PersonParams, querystring: FrameworkQuery, response: { 200: Portfolio } } },
    (req) => portfolio(req.ctx, req.params.personId, req.query.frameworkId),
  );
  app.post(
    '/api/people/:personId/ratings',
    { schema: { tags, params: PersonParams, body: RateBody, response: { 201: AssessmentEvent } } },
    async (req, reply) => reply.code(201).send(await reviews.rate(req.ctx, req.params.personId, req.body)),
  );

  // ---- evidence ----
  app.post(
    '/api/people/:personId/evidence-links',
    { schema: { tags, params: PersonParams, body: LinkBody, response: { 201: Evidence } } },
    async (req, reply) => reply.code(201).send(await evidence.addEvidenceLink(req.ctx, req.params.personId, req.body)),
  );
  app.get(
    '/api/people/:personId/evidence',
    { schema: { tags, params: PersonParams, response: { 200: z.object({ items: z.array(Evidence) }) } } },
    async (req) => ({ items: await evidence.listEvidence(req.ctx, req.params.personId) }),
  );
  app.get(
    '/api/evidence/:id/content',
    {
      schema: {
        tags,
        params: IdParams,
        description: 'The file, always as a download, with the type sniffed at upload.',
      },
    },
    async (req, reply) => {
      const file = await evidence.evidenceFile(req.ctx, files, req.params.id);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.bytes);
    },
  );

  // ---- review requests ----
  app.post(
    '/api/review-requests',
    { schema: { tags, body: RequestReviewBody, response: { 201: ReviewRequest } } },
    async (req, reply) => reply.code(201).send(await reviews.requestReview(req.ctx, req.body)),
  );
  app.get(
    '/api/review-requests',
    {
      schema: {
        tags,
        querystring: ReviewListQuery,
        response: { 200: z.object({ items: z.array(ReviewRequest) }) },
        description: 'Without personId: the assessor’s queue over their scope.',
      },
    },
    async (req) => ({ items: await reviews.listReviews(req.ctx, req.query) }),
  );
  app.post(
    '/api/review-requests/:id/start',
    { schema: { tags, params: IdParams, response: { 200: ReviewRequest } } },
    (req) => reviews.startReview(req.ctx, req.params.id),
  );
  app.post(
    '/api/review-requests/:id/ask-evidence',
    { schema: { tags, params: IdParams, body: AskEvidenceBody, response: { 200: ReviewRequest } } },
    (req) => reviews.askForEvidence(req.ctx, req.params.id, req.body.comment),
  );
  app.post(
    '/api/review-requests/:id/evidence',
    { schema: { tags, params: IdParams, body: AddEvidenceBody, response: { 200: ReviewRequest } } },
    (req) => reviews.addReviewEvidence(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/review-requests/:id/decide',
    { schema: { tags, params: IdParams, body: DecideBody, response: { 200: ReviewRequest } } },
    (req) => reviews.decideReview(req.ctx, req.params.id, req.body),
  );

  // ---- observation and coaching ----
  app.post(
    '/api/people/:personId/observations',
    { schema: { tags, params: PersonParams, body: ObservationBody, response: { 201: Observation } } },
    async (req, reply) =>
      reply.code(201).send(await observations.recordObservation(req.ctx, req.params.personId, req.body)),
  );
  app.get(
    '/api/people/:personId/observations',
    { schema: { tags, params: PersonParams, response: { 200: z.object({ items: z.array(Observation) }) } } },
    async (req) => ({ items: await observations.listObservations(req.ctx, req.params.personId) }),
  );
  app.post(
    '/api/people/:personId/coaching-visits',
    { schema: { tags, params: PersonParams, body: CoachingBody, response: { 201: CoachingVisit } } },
    async (req, reply) =>
      reply.code(201).send(await observations.recordCoachingVisit(req.ctx, req.params.personId, req.body)),
  );
  app.get(
    '/api/people/:personId/coaching-visits',
    { schema: { tags, params: PersonParams, response: { 200: z.object({ items: z.array(CoachingVisit) }) } } },
    async (req) => ({ items: await observations.listCoachingVisits(req.ctx, req.params.personId) }),
  );

  // ---- group report and targets ----
  app.get(
    '/api/units/:unitId/self-assessment-report',
    {
      schema: {
        tags,
        params: UnitParams,
        querystring: FrameworkQuery,
        response: { 200: GroupReport },
        description: `Anonymous: counts per level; groups under ${reports.MINIMUM_GROUP} respondents are suppressed.`,
      },
    },
    (req) => reports.groupReport(req.ctx, req.params.unitId, req.query.frameworkId),
  );
  app.get(
    '/api/units/:unitId/level-targets/:frameworkId',
    { schema: { tags, params: TargetParams, response: { 200: LevelTarget } } },
    (req) => reports.getTarget(req.ctx, req.params.unitId, req.params.frameworkId),
  );
  app.put(
    '/api/units/:unitId/level-targets/:frameworkId',
    { schema: { tags, params: TargetParams, body: TargetBody, response: { 200: LevelTarget } } },
    (req) => reports.setTarget(req.ctx, req.params.unitId, req.params.frameworkId, req.body.levelCode),
  );
}

/** Files arrive as the raw request body (any content type); the type is sniffed, never trusted. */
function evidenceUploadRoute(app: ZodApp, files: FileStore) {
  acceptUploads(app, evidence.EVIDENCE_MAX_BYTES);
  app.post(
    '/api/people/:personId/evidence',
    {
      schema: {
        tags,
        params: PersonParams,
        querystring: UploadQuery.extend({ frameworkId: z.string().min(1).max(64).optional() }),
        response: { 201: Evidence },
        description: 'The file as the request body; at most 20 MB; PDF, images, MP4, office documents, plain text.',
      },
    },
    async (req, reply) => {
      const file = await requireUpload(req.body).bytes();
      const itemIds = (req.query.itemIds ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const created = await evidence.uploadEvidence(
        req.ctx,
        files,
        req.params.personId,
        { title: req.query.title, fileName: req.query.fileName, itemIds, frameworkId: req.query.frameworkId },
        file,
      );
      return reply.code(201).send(created);
    },
  );
}
