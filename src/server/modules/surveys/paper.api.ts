import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
import { RoundParams } from './rounds.schemas.ts';

const Imported = z.object({ imported: z.number().int() });

export const paperApi = {
  /** The body is the CSV file itself (an upload), so there is no body schema. */
  'POST /api/surveys/rounds/:roundId/responses/import': {
    params: RoundParams,
    consumes: ['text/csv'],
    response: { 200: Imported },
    description:
      'Answers typed in from paper forms, as CSV (Content-Type: text/csv; the columns of template.csv): who answered (person: national id, EMIS id or email of an invited person; or for an anonymous round unit code, sex, role), then one column per question (a matrix one per row as key.row; several choices separated by ";"; choices by their value; days YYYY-MM-DD). All or nothing: csv_invalid lists each fault with its line, column and code.',
  },
  'GET /api/surveys/rounds/:roundId/responses/template.csv': {
    params: RoundParams,
    description: 'The header line of the paper import for this round, to fill in below.',
  },
} as const satisfies ApiMap;
