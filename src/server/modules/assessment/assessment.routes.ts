import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import type { FileStore } from '../../shared/storage.ts';
import { assessmentApi } from './assessment.api.ts';
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
  route(app, assessmentApi, 'GET /api/self-assessment/instrument', { tags }, (req) =>
    self.instrument(req.ctx, req.query.frameworkId),
  );
  route(app, assessmentApi, 'GET /api/self-assessment', { tags }, async (req) => ({
    selfAssessment: await self.currentSelfAssessment(req.ctx, req.query.frameworkId),
  }));
  route(app, assessmentApi, 'POST /api/self-assessments', { tags }, (req) =>
    self.startSelfAssessment(req.ctx, req.body.frameworkId),
  );
  route(app, assessmentApi, 'PATCH /api/self-assessments/:id', { tags }, (req) =>
    self.saveAnswers(req.ctx, req.params.id, req.body.answers),
  );
  route(app, assessmentApi, 'POST /api/self-assessments/:id/submit', { tags }, (req) =>
    self.submitSelfAssessment(req.ctx, req.params.id),
  );

  // ---- a person's results ----
  route(app, assessmentApi, 'GET /api/people/:personId/feedback', { tags }, (req) =>
    reports.feedback(req.ctx, req.params.personId, req.query.frameworkId),
  );
  route(app, assessmentApi, 'GET /api/people/:personId/competencies', { tags }, async (req) => ({
    items: await ledger.statusOf(req.ctx, req.params.personId, req.query.frameworkId),
  }));
  route(app, assessmentApi, 'GET /api/people/:personId/assessment-events', { tags }, async (req) => ({
    items: await ledger.listEvents(req.ctx, req.params.personId, req.query.frameworkId),
  }));
  route(
    app,
    assessmentApi,
    'POST /api/people/:personId/assessment-events/:eventId/supersede',
    { tags },
    async (req, reply) =>
      reply.code(201).send(await ledger.supersede(req.ctx, req.params.personId, req.params.eventId, req.body)),
  );
  route(app, assessmentApi, 'GET /api/people/:personId/portfolio', { tags }, (req) =>
    portfolio(req.ctx, req.params.personId, req.query.frameworkId),
  );
  route(app, assessmentApi, 'POST /api/people/:personId/ratings', { tags }, async (req, reply) =>
    reply.code(201).send(await reviews.rate(req.ctx, req.params.personId, req.body)),
  );

  // ---- evidence ----
  route(app, assessmentApi, 'POST /api/people/:personId/evidence-links', { tags }, async (req, reply) =>
    reply.code(201).send(await evidence.addEvidenceLink(req.ctx, req.params.personId, req.body)),
  );
  route(app, assessmentApi, 'GET /api/people/:personId/evidence', { tags }, async (req) => ({
    items: await evidence.listEvidence(req.ctx, req.params.personId),
  }));
  route(app, assessmentApi, 'GET /api/evidence/:id/content', { tags }, async (req, reply) => {
    const file = await evidence.evidenceFile(req.ctx, files, req.params.id);
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(file.bytes);
  });

  // ---- review requests ----
  route(app, assessmentApi, 'POST /api/review-requests', { tags }, async (req, reply) =>
    reply.code(201).send(await reviews.requestReview(req.ctx, req.body)),
  );
  route(app, assessmentApi, 'GET /api/review-requests', { tags }, async (req) => ({
    items: await reviews.listReviews(req.ctx, req.query),
  }));
  route(app, assessmentApi, 'POST /api/review-requests/:id/start', { tags }, (req) =>
    reviews.startReview(req.ctx, req.params.id),
  );
  route(app, assessmentApi, 'POST /api/review-requests/:id/ask-evidence', { tags }, (req) =>
    reviews.askForEvidence(req.ctx, req.params.id, req.body.comment),
  );
  route(app, assessmentApi, 'POST /api/review-requests/:id/evidence', { tags }, (req) =>
    reviews.addReviewEvidence(req.ctx, req.params.id, req.body),
  );
  route(app, assessmentApi, 'POST /api/review-requests/:id/decide', { tags }, (req) =>
    reviews.decideReview(req.ctx, req.params.id, req.body),
  );

  // ---- observation and coaching ----
  route(app, assessmentApi, 'POST /api/people/:personId/observations', { tags }, async (req, reply) =>
    reply.code(201).send(await observations.recordObservation(req.ctx, req.params.personId, req.body)),
  );
  route(app, assessmentApi, 'GET /api/people/:personId/observations', { tags }, async (req) => ({
    items: await observations.listObservations(req.ctx, req.params.personId),
  }));
  route(app, assessmentApi, 'POST /api/people/:personId/coaching-visits', { tags }, async (req, reply) =>
    reply.code(201).send(await observations.recordCoachingVisit(req.ctx, req.params.personId, req.body)),
  );
  route(app, assessmentApi, 'GET /api/people/:personId/coaching-visits', { tags }, async (req) => ({
    items: await observations.listCoachingVisits(req.ctx, req.params.personId),
  }));

  // ---- group report and targets ----
  route(app, assessmentApi, 'GET /api/units/:unitId/self-assessment-report', { tags }, (req) =>
    reports.groupReport(req.ctx, req.params.unitId, req.query.frameworkId),
  );
  route(app, assessmentApi, 'GET /api/units/:unitId/level-targets/:frameworkId', { tags }, (req) =>
    reports.getTarget(req.ctx, req.params.unitId, req.params.frameworkId),
  );
  route(app, assessmentApi, 'PUT /api/units/:unitId/level-targets/:frameworkId', { tags }, (req) =>
    reports.setTarget(req.ctx, req.params.unitId, req.params.frameworkId, req.body.levelCode),
  );
}

/** Files arrive as the raw request body (any content type); the type is sniffed, never trusted. */
function evidenceUploadRoute(app: ZodApp, files: FileStore) {
  acceptUploads(app, evidence.EVIDENCE_MAX_BYTES);
  route(app, assessmentApi, 'POST /api/people/:personId/evidence', { tags }, async (req, reply) => {
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
  });
}
