import type { ApiMap } from '../../http/route.ts';
import {
  CoacheeList,
  CoachReflectionBody,
  CreateCycleBody,
  Cycle,
  CycleList,
  CycleParams,
  CycleSummary,
  FollowUpBody,
  LessonObservation,
  ListCyclesQuery,
  ObservationPatchBody,
  TeacherReflectionBody,
  TodayList,
  UnitParams,
  UpdatePlanBody,
} from './cycles.schemas.ts';

export const cyclesApi = {
  'GET /api/coaching-cycles': { querystring: ListCyclesQuery, response: { 200: CycleList } },
  'POST /api/coaching-cycles': { body: CreateCycleBody, response: { 201: Cycle } },
  'GET /api/coaching-cycles/:id': { params: CycleParams, response: { 200: Cycle } },
  'PATCH /api/coaching-cycles/:id': { params: CycleParams, body: UpdatePlanBody, response: { 200: Cycle } },
  'PUT /api/coaching-cycles/:id/coach-reflection': {
    params: CycleParams,
    body: CoachReflectionBody,
    response: { 200: Cycle },
    description: 'The coach writes the agreed strengths and next steps; an observed cycle moves to reflected.',
  },
  'PUT /api/coaching-cycles/:id/teacher-reflection': {
    params: CycleParams,
    body: TeacherReflectionBody,
    response: { 200: Cycle },
    description: 'The teacher writes their own reflection and chooses whether their school leader may read it.',
  },
  'PUT /api/coaching-cycles/:id/follow-up': { params: CycleParams, body: FollowUpBody, response: { 200: Cycle } },
  'POST /api/coaching-cycles/:id/close': { params: CycleParams, response: { 200: Cycle } },
  'POST /api/coaching-cycles/:id/observations': {
    params: CycleParams,
    response: { 200: LessonObservation },
    description: "Starts the lesson's observation as a draft on the lesson day, or answers the draft already begun.",
  },
  'GET /api/lesson-observations/:id': { params: CycleParams, response: { 200: LessonObservation } },
  'PATCH /api/lesson-observations/:id': {
    params: CycleParams,
    body: ObservationPatchBody,
    response: { 200: LessonObservation },
    description: 'Saves the fields given (the same save twice changes nothing) and answers the saved observation.',
  },
  'POST /api/lesson-observations/:id/submit': {
    params: CycleParams,
    response: { 200: LessonObservation },
    description: 'Checks the whole instrument, then records the ratings in the ledger and moves the cycle to observed.',
  },
  'GET /api/coaching/coachees': { response: { 200: CoacheeList } },
  'GET /api/coaching/today': { response: { 200: TodayList } },
  'GET /api/coaching/units/:unitId/summary': { params: UnitParams, response: { 200: CycleSummary } },
} as const satisfies ApiMap;
