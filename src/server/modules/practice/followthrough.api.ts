import type { ApiMap } from '../../http/route.ts';
import {
  MyVisitsQuery,
  RecordVisitBody,
  UnitParams,
  UnitVisitsQuery,
  Visit,
  VisitList,
  VisitParams,
} from './followthrough.schemas.ts';

export const followThroughApi = {
  'GET /api/follow-through': {
    querystring: MyVisitsQuery,
    response: { 200: VisitList },
    description: 'Your follow-through visits as a coach: due (overdue first) or done.',
  },
  'GET /api/units/:unitId/follow-through': {
    params: UnitParams,
    querystring: UnitVisitsQuery,
    response: { 200: VisitList },
    description:
      'Follow-through visits of the teachers under a unit (overdue by default), for officers, leaders and practice managers there.',
  },
  'POST /api/follow-through/:visitId/record': {
    params: VisitParams,
    body: RecordVisitBody,
    response: { 200: Visit },
    description: 'The coach records a visit in class: whether and how the training is applied. Once.',
  },
} as const satisfies ApiMap;
