import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import { AppError } from '../../shared/errors.ts';
import type { CsvInput } from './csv.ts';
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

function csvStream(body: unknown): CsvInput {
  if (body && typeof body === 'object' && Symbol.asyncIterator in body) return body as CsvInput;
  throw new AppError('unsupported_media_type', 'Send the file as the body with Content-Type: text/csv.');
}

export function importsRoutes(app: ZodApp) {
  app.post(
    '/api/imports/org-units',
    { schema: { tags, ...csvBody, querystring: ImportQuery, response: { 200: ImportResult } } },
    (req) => imports.importOrgUnits(req.ctx, csvStream(req.body), { dryRun: req.query.dryRun }),
  );
  app.post(
    '/api/imports/people',
    { schema: { tags, ...csvBody, querystring: ImportQuery, response: { 200: ImportResult } } },
    (req) => imports.importPeople(req.ctx, csvStream(req.body), { dryRun: req.query.dryRun }),
  );
}
