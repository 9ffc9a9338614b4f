import type { ApiMap } from '../../http/route.ts';
import { Effect, EffectQuery, ModuleParams, ProgrammeParams } from './effect.schemas.ts';

const description =
  'The effect of training on confirmed competence under a unit: the change in confirmed level of teachers trained in the period against teachers not yet trained who started at the same level (difference in differences), with counts, a 95% bootstrap interval, per region, and groups under 5 withheld.';

export const effectApi = {
  'GET /api/evaluation/programmes/:programmeId/effect': {
    params: ProgrammeParams,
    querystring: EffectQuery,
    response: { 200: Effect },
    description,
  },
  'GET /api/evaluation/modules/:moduleId/effect': {
    params: ModuleParams,
    querystring: EffectQuery,
    response: { 200: Effect },
    description,
  },
} as const satisfies ApiMap;
