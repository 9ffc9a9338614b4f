import type { ApiMap } from '../../http/route.ts';
import { ResultsQuery } from './results.schemas.ts';
import { RoundParams } from './rounds.schemas.ts';

/** Downloads of a round's results (results.routes.ts): the same figures as the results, hidden alike. */
export const resultExportsApi = {
  'GET /api/surveys/rounds/:roundId/results.csv': {
    params: RoundParams,
    querystring: ResultsQuery,
    description:
      'The results at a unit as CSV: a row per question and choice (matrix row and point, number mean and median), respondents and share, a column per group of the breakdown; a hidden unit gives a note and no figures.',
  },
  'GET /api/surveys/rounds/:roundId/results.xlsx': {
    params: RoundParams,
    querystring: ResultsQuery,
    description: 'The same table as a workbook, with a sheet of the units below and their respondents (or hidden).',
  },
  'GET /api/surveys/rounds/:roundId/results.pdf': {
    params: RoundParams,
    querystring: ResultsQuery,
    description:
      "The results as a report in the reader's language: the round, unit, window and respondents, and per question the counts with bars.",
  },
  'GET /api/surveys/rounds/:roundId/texts.csv': {
    params: RoundParams,
    querystring: ResultsQuery.pick({ unitId: true }),
    description:
      'Written answers for coding (question and text only, sorted), for those who manage surveys at the unit and only where it is shown.',
  },
} as const satisfies ApiMap;
