import type { ZodApp } from '../../http/app.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import * as results from './results.service.ts';
import { importResults } from './training.import.ts';
import {
  AttendanceBody,
  AttendanceSheet,
  OfferingParams,
  ResultsBody,
  ResultsImportQuery,
  ResultsImportSummary,
  ResultsSummary,
} from './training.schemas.ts';

const tags = ['training'];

/** Attendance and results of an offering, typed in or imported from a CSV file. */
export function resultsRoutes(app: ZodApp) {
  app.register(async (scope) => resultsImportRoute(scope as ZodApp));
  app.get(
    '/api/offerings/:offeringId/attendance',
    { schema: { tags, params: OfferingParams, response: { 200: AttendanceSheet } } },
    (req) => results.attendanceSheet(req.ctx, req.params.offeringId),
  );
  app.put(
    '/api/offerings/:offeringId/attendance',
    { schema: { tags, params: OfferingParams, body: AttendanceBody, response: { 200: AttendanceSheet } } },
    (req) => results.recordAttendance(req.ctx, req.params.offeringId, req.body),
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
    (req) => results.recordResults(req.ctx, req.params.offeringId, req.body),
  );
}

const MAX_RESULTS_BYTES = 5 * 1024 * 1024;

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
