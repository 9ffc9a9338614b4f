import type { ZodApp } from '../../http/app.ts';
import * as records from './records.service.ts';
import {
  Cascade,
  Certificate,
  IdParams,
  PersonParams,
  Transcript,
  TranscriptQuery,
  UnitParams,
} from './training.schemas.ts';

const tags = ['training'];

/** Transcripts, certificates of attendance and the cascade view. */
export function recordsRoutes(app: ZodApp) {
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
        .send(records.transcriptCsv(t, req.ctx.locale));
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
    '/api/units/:unitId/training-cascade',
    { schema: { tags, params: UnitParams, response: { 200: Cascade } } },
    (req) => records.cascade(req.ctx, req.params.unitId),
  );
}
