import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
import { MINIMUM_GROUP } from '../../shared/suppression.ts';
import {
  AddEvidenceBody,
  AnswersBody,
  AskEvidenceBody,
  AssessmentEvent,
  CoachingBody,
  CoachingVisit,
  CompetencyStatus,
  DecideBody,
  EventParams,
  Evidence,
  Feedback,
  FrameworkQuery,
  GroupReport,
  IdParams,
  Instrument,
  LevelTarget,
  LinkBody,
  Observation,
  ObservationBody,
  PersonParams,
  Portfolio,
  RateBody,
  RequestReviewBody,
  ReviewListQuery,
  ReviewRequest,
  SelfAssessment,
  StartBody,
  SupersedeBody,
  TargetBody,
  TargetParams,
  UnitParams,
  UploadQuery,
} from './assessment.schemas.ts';

/** Self-assessment, the ledger, evidence, reviews, observation and coaching, group reports and targets. */
export const assessmentApi = {
  // ---- self-assessment (the signed-in person about themself) ----
  'GET /api/self-assessment/instrument': { querystring: FrameworkQuery, response: { 200: Instrument } },
  'GET /api/self-assessment': {
    querystring: FrameworkQuery,
    response: { 200: z.object({ selfAssessment: SelfAssessment.nullable() }) },
  },
  'POST /api/self-assessments': { body: StartBody, response: { 200: SelfAssessment } },
  'PATCH /api/self-assessments/:id': { params: IdParams, body: AnswersBody, response: { 200: SelfAssessment } },
  'POST /api/self-assessments/:id/submit': { params: IdParams, response: { 200: SelfAssessment } },

  // ---- a person's results ----
  'GET /api/people/:personId/feedback': {
    params: PersonParams,
    querystring: FrameworkQuery,
    response: { 200: Feedback },
  },
  'GET /api/people/:personId/competencies': {
    params: PersonParams,
    querystring: FrameworkQuery,
    response: { 200: z.object({ items: z.array(CompetencyStatus) }) },
  },
  'GET /api/people/:personId/assessment-events': {
    params: PersonParams,
    querystring: FrameworkQuery,
    response: { 200: z.object({ items: z.array(AssessmentEvent) }) },
  },
  'POST /api/people/:personId/assessment-events/:eventId/supersede': {
    params: EventParams,
    body: SupersedeBody,
    response: { 201: AssessmentEvent },
    description: 'Corrects an event with a new one that names it and says why; the ledger is never rewritten.',
  },
  'GET /api/people/:personId/portfolio': {
    params: PersonParams,
    querystring: FrameworkQuery,
    response: { 200: Portfolio },
  },
  'POST /api/people/:personId/ratings': { params: PersonParams, body: RateBody, response: { 201: AssessmentEvent } },

  // ---- evidence ----
  'POST /api/people/:personId/evidence-links': { params: PersonParams, body: LinkBody, response: { 201: Evidence } },
  'GET /api/people/:personId/evidence': {
    params: PersonParams,
    response: { 200: z.object({ items: z.array(Evidence) }) },
  },
  'GET /api/evidence/:id/content': {
    params: IdParams,
    description: 'The file, always as a download, with the type sniffed at upload.',
  },
  /** The body is the file itself (an upload), so there is no body schema. */
  'POST /api/people/:personId/evidence': {
    params: PersonParams,
    querystring: UploadQuery.extend({ frameworkId: z.string().min(1).max(64).optional() }),
    response: { 201: Evidence },
    description: 'The file as the request body; at most 20 MB; PDF, images, MP4, office documents, plain text.',
  },

  // ---- review requests ----
  'POST /api/review-requests': { body: RequestReviewBody, response: { 201: ReviewRequest } },
  'GET /api/review-requests': {
    querystring: ReviewListQuery,
    response: { 200: z.object({ items: z.array(ReviewRequest) }) },
    description: 'Without personId: the assessor’s queue over their scope.',
  },
  'POST /api/review-requests/:id/start': { params: IdParams, response: { 200: ReviewRequest } },
  'POST /api/review-requests/:id/ask-evidence': {
    params: IdParams,
    body: AskEvidenceBody,
    response: { 200: ReviewRequest },
  },
  'POST /api/review-requests/:id/evidence': {
    params: IdParams,
    body: AddEvidenceBody,
    response: { 200: ReviewRequest },
  },
  'POST /api/review-requests/:id/decide': { params: IdParams, body: DecideBody, response: { 200: ReviewRequest } },

  // ---- observation and coaching ----
  'POST /api/people/:personId/observations': {
    params: PersonParams,
    body: ObservationBody,
    response: { 201: Observation },
  },
  'GET /api/people/:personId/observations': {
    params: PersonParams,
    response: { 200: z.object({ items: z.array(Observation) }) },
  },
  'POST /api/people/:personId/coaching-visits': {
    params: PersonParams,
    body: CoachingBody,
    response: { 201: CoachingVisit },
  },
  'GET /api/people/:personId/coaching-visits': {
    params: PersonParams,
    response: { 200: z.object({ items: z.array(CoachingVisit) }) },
  },

  // ---- group report and targets ----
  'GET /api/units/:unitId/self-assessment-report': {
    params: UnitParams,
    querystring: FrameworkQuery,
    response: { 200: GroupReport },
    description: `Anonymous: counts per level; groups under ${MINIMUM_GROUP} respondents are suppressed.`,
  },
  'GET /api/units/:unitId/level-targets/:frameworkId': { params: TargetParams, response: { 200: LevelTarget } },
  'PUT /api/units/:unitId/level-targets/:frameworkId': {
    params: TargetParams,
    body: TargetBody,
    response: { 200: LevelTarget },
  },
} as const satisfies ApiMap;
