import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';

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
const csvBody = {
  consumes: ['text/csv'],
  description: 'The CSV file as the request body (Content-Type: text/csv). See docs/imports.md.',
} as const;

/** The body of each is the CSV file itself (an upload), so the map has no body schema. */
export const importsApi = {
  'POST /api/imports/org-units': { ...csvBody, querystring: ImportQuery, response: { 200: ImportResult } },
  'POST /api/imports/people': { ...csvBody, querystring: ImportQuery, response: { 200: ImportResult } },
} as const satisfies ApiMap;
