import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import type { FileStore } from '../../shared/storage.ts';
import { competitionsApi } from './competitions.api.ts';
import * as grants from './competitions.grants.ts';
import * as reviews from './competitions.reviews.ts';
import * as competitions from './competitions.service.ts';

const tags = ['competitions'];

export function competitionRoutes(app: ZodApp, { files }: { files: FileStore }) {
  app.register(async (scope) => fileUploadRoute(scope as ZodApp, files));

  route(app, competitionsApi, 'GET /api/competitions', { tags }, (req) => competitions.listCompetitions(req.ctx));
  route(app, competitionsApi, 'POST /api/competitions', { tags }, async (req, reply) =>
    reply.code(201).send(await competitions.createCompetition(req.ctx, req.body)),
  );
  route(app, competitionsApi, 'GET /api/competitions/:competitionId', { tags }, (req) =>
    competitions.getCompetition(req.ctx, req.params.competitionId),
  );
  route(app, competitionsApi, 'GET /api/competitions/:competitionId/candidates', { tags }, (req) =>
    competitions.findCandidates(req.ctx, req.params.competitionId, req.query.q),
  );
  route(app, competitionsApi, 'PUT /api/competitions/:competitionId/reviewers', { tags }, (req) =>
    competitions.setReviewers(req.ctx, req.params.competitionId, req.body.personIds),
  );
  route(app, competitionsApi, 'POST /api/competitions/:competitionId/assignments', { tags }, (req) =>
    reviews.autoAssign(req.ctx, req.params.competitionId, req.body.perApplication),
  );
  route(app, competitionsApi, 'GET /api/competitions/:competitionId/ranking', { tags }, (req) =>
    reviews.ranking(req.ctx, req.params.competitionId),
  );
  route(app, competitionsApi, 'POST /api/competitions/:competitionId/applications', { tags }, async (req, reply) =>
    reply.code(201).send(await competitions.createApplication(req.ctx, req.params.competitionId, req.body)),
  );
  route(app, competitionsApi, 'GET /api/competitions/applications/:applicationId', { tags }, (req) =>
    competitions.getApplication(req.ctx, req.params.applicationId),
  );
  route(app, competitionsApi, 'PUT /api/competitions/applications/:applicationId', { tags }, (req) =>
    competitions.updateApplication(req.ctx, req.params.applicationId, req.body),
  );
  route(app, competitionsApi, 'POST /api/competitions/applications/:applicationId/submit', { tags }, (req) =>
    competitions.submitApplication(req.ctx, req.params.applicationId),
  );
  route(
    app,
    competitionsApi,
    'GET /api/competitions/applications/:applicationId/files/:fileId',
    { tags },
    async (req, reply) => {
      const file = await competitions.applicationFile(
        req.ctx,
        files,
        req.params.applicationId,
        req.params.fileId,
        reviews.reviewerMayRead,
      );
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.bytes);
    },
  );
  route(app, competitionsApi, 'POST /api/competitions/applications/:applicationId/reviewers', { tags }, (req) =>
    reviews.assignReviewer(req.ctx, req.params.applicationId, req.body.reviewerPersonId),
  );
  route(app, competitionsApi, 'POST /api/competitions/applications/:applicationId/decision', { tags }, (req) =>
    reviews.decide(req.ctx, req.params.applicationId, req.body),
  );
  route(
    app,
    competitionsApi,
    'POST /api/competitions/applications/:applicationId/milestones',
    { tags },
    async (req, reply) => reply.code(201).send(await grants.addMilestone(req.ctx, req.params.applicationId, req.body)),
  );
  route(
    app,
    competitionsApi,
    'POST /api/competitions/applications/:applicationId/reports',
    { tags },
    async (req, reply) => reply.code(201).send(await grants.addReport(req.ctx, req.params.applicationId, req.body)),
  );
  route(app, competitionsApi, 'GET /api/competition-reviews', { tags }, (req) => reviews.reviewQueue(req.ctx));
  route(app, competitionsApi, 'GET /api/competition-reviews/:applicationId', { tags }, (req) =>
    reviews.getBlindApplication(req.ctx, req.params.applicationId),
  );
  route(app, competitionsApi, 'PUT /api/competition-reviews/:applicationId/scores', { tags }, (req) =>
    reviews.scoreApplication(req.ctx, req.params.applicationId, req.body),
  );
  route(app, competitionsApi, 'POST /api/competition-reviews/:applicationId/conflict', { tags }, (req) =>
    reviews.declareConflict(req.ctx, req.params.applicationId, req.body.reason),
  );
}

/** Files arrive as the raw request body (any content type), read whole first; the type is sniffed, never trusted. */
function fileUploadRoute(app: ZodApp, files: FileStore) {
  acceptUploads(app, competitions.COMPETITION_MAX_BYTES);
  route(app, competitionsApi, 'PUT /api/competitions/applications/:applicationId/files', { tags }, async (req) => {
    const bytes = await requireUpload(req.body).bytes();
    return competitions.uploadFile(
      req.ctx,
      files,
      req.params.applicationId,
      req.query.fileName,
      bytes,
      req.query.reportId,
    );
  });
}
