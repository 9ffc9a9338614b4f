import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import { paperApi } from './paper.api.ts';
import { importPaperResponses, MAX_PAPER_BYTES, paperTemplate } from './paper.service.ts';

const tags = ['surveys'];

/** Answers given on paper and typed into a CSV: the round's template, and the import of the filled file. */
export function paperRoutes(app: ZodApp, _database: Database) {
  app.register(async (scope) => paperImportRoute(scope as ZodApp));
  route(app, paperApi, 'GET /api/surveys/rounds/:roundId/responses/template.csv', { tags }, async (req, reply) => {
    // Read first: the id is named in a header only once it is known to be a round's.
    const csv = await paperTemplate(req.ctx, req.params.roundId);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="paper-round-${req.params.roundId}.csv"`)
      .send(csv);
  });
}

/** The file arrives whole (spooled, capped) before the import reads it and opens its transaction. */
function paperImportRoute(app: ZodApp) {
  acceptUploads(app, MAX_PAPER_BYTES, ['text/csv', 'text/plain']);
  route(app, paperApi, 'POST /api/surveys/rounds/:roundId/responses/import', { tags }, async (req) =>
    importPaperResponses(req.ctx, req.params.roundId, await requireUpload(req.body).bytes()),
  );
}
