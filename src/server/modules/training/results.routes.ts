import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import * as results from './results.service.ts';
import { trainingApi } from './training.api.ts';
import { importResults } from './training.import.ts';

const tags = ['training'];

/** Attendance and results of an offering, typed in or imported from a CSV file. */
export function resultsRoutes(app: ZodApp) {
  app.register(async (scope) => resultsImportRoute(scope as ZodApp));
  route(app, trainingApi, 'GET /api/offerings/:offeringId/attendance', { tags }, (req) =>
    results.attendanceSheet(req.ctx, req.params.offeringId),
  );
  route(app, trainingApi, 'PUT /api/offerings/:offeringId/attendance', { tags }, (req) =>
    results.recordAttendance(req.ctx, req.params.offeringId, req.body),
  );
  route(app, trainingApi, 'PUT /api/offerings/:offeringId/results', { tags }, (req) =>
    results.recordResults(req.ctx, req.params.offeringId, req.body),
  );
}

const MAX_RESULTS_BYTES = 5 * 1024 * 1024;

/** The results file arrives as raw bytes so invalid UTF-8 is found and located, not replaced. */
function resultsImportRoute(app: ZodApp) {
  acceptUploads(app, MAX_RESULTS_BYTES);
  route(app, trainingApi, 'POST /api/offerings/:offeringId/results/import', { tags }, async (req) =>
    importResults(req.ctx, req.params.offeringId, await requireUpload(req.body).bytes(), {
      dryRun: req.query.dryRun,
    }),
  );
}
