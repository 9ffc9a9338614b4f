import type { ApiMap } from '../../http/route.ts';
import { OfferingEvaluation, OfferingParams } from './evaluation.schemas.ts';

export const evaluationApi = {
  'GET /api/offerings/:offeringId/evaluation': {
    params: OfferingParams,
    response: { 200: OfferingEvaluation },
    description:
      'The evaluation of an offering at four levels: reaction, learning (pre and post rounds, paired by person), ' +
      'behaviour (follow-up rounds and follow-through visits) and, through the effect view, results. For its ' +
      'trainers and those who manage training or surveys at its host; figures of fewer than 5 people withheld.',
  },
} as const satisfies ApiMap;
