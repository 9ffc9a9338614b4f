import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import * as records from './records.service.ts';
import { trainingApi } from './training.api.ts';

const tags = ['training'];

/** Transcripts, certificates of attendance and the cascade view. */
export function recordsRoutes(app: ZodApp) {
  route(app, trainingApi, 'GET /api/people/:personId/transcript', { tags }, (req) =>
    records.transcript(req.ctx, req.params.personId, req.query.year),
  );
  route(app, trainingApi, 'GET /api/people/:personId/transcript/export', { tags }, async (req, reply) => {
    const t = await records.transcript(req.ctx, req.params.personId, req.query.year);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="cpd-transcript-${t.year}.csv"`)
      .send(records.transcriptCsv(t, req.ctx.locale));
  });
  route(app, trainingApi, 'GET /api/enrolments/:id/certificate', { tags }, (req) =>
    records.certificate(req.ctx, req.params.id),
  );
  route(app, trainingApi, 'GET /api/units/:unitId/training-cascade', { tags }, (req) =>
    records.cascade(req.ctx, req.params.unitId),
  );
}
