import type { ApiMap } from '../../http/route.ts';
import { CompareQuery, RoundComparison } from './compare.schemas.ts';
import { RoundParams } from './rounds.schemas.ts';

export const compareApi = {
  'GET /api/surveys/rounds/:roundId/compare': {
    params: RoundParams,
    querystring: CompareQuery,
    response: { 200: RoundComparison },
    description:
      'Two rounds of one questionnaire (for example this year’s national survey and last year’s) at a unit within ' +
      'both: the share of each choice in each and the change in percentage points, hidden alike below 5; two ' +
      'identified rounds also paired person by person.',
  },
} as const satisfies ApiMap;
