import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import { MAX_IMPORT_BYTES } from './csv.ts';
import * as imports from './imports.service.ts';

const ImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Check every row and report the counts, writing nothing.'),
});
const ImportResult = z.object({
  kind: z.enum(['org-units', 'people']),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
});
const tags = ['imports'];
const csvBody = {
  consumes: ['text/csv'],
  description: 'The CSV file as the request body (Content-Type: text/csv). See docs/imports.md.',
};

/** Roster files arrive whole (spooled to a private temporary file) before the import opens its transaction. */
export function importsRoutes(app: ZodApp) {
  acceptUploads(app, MAX_IMPORT_BYTES, ['text/csv', 'text/plain']);
  app.post(
    '/api/imports/org-units',
    { schema: { tags, ...csvBody, querystring: ImportQuery, response: { 200: ImportResult } } },
    (req) => imports.importOrgUnits(req.ctx, requireUpload(req.body).stream(), { dryRun: req.query.dryRun }),
  );
  app.post(
    '/api/imports/people',
    { schema: { tags, ...csvBody, querystring: ImportQuery, response: { 200: ImportResult } } },
    (req) => imports.importPeople(req.ctx, requireUpload(req.body).stream(), { dryRun: req.query.dryRun }),
  );
}
