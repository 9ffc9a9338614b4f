import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
import {
  AnswerBody,
  OpenReviewBody,
  Review,
  ReviewParams,
  ReviewResults,
  ReviewSummary,
  SchoolParams,
} from './schoolreviews.schemas.ts';

export const schoolReviewsApi = {
  'GET /api/school-reviews': {
    response: { 200: z.object({ items: z.array(ReviewSummary) }) },
    description: "Reviews of the caller's own school (leaders and teachers placed there), answered or not.",
  },
  'GET /api/units/:unitId/school-reviews': {
    params: SchoolParams,
    response: { 200: z.object({ items: z.array(ReviewSummary) }) },
    description: 'Reviews of one school, newest first, for those who manage practice or read reports there.',
  },
  'POST /api/school-reviews': {
    body: OpenReviewBody,
    response: { 201: Review },
    description: 'Opens a self-review of a school for answers between two days.',
  },
  'GET /api/school-reviews/:reviewId': { params: ReviewParams, response: { 200: Review } },
  'POST /api/school-reviews/:reviewId/answers': {
    params: ReviewParams,
    body: AnswerBody,
    response: { 201: ReviewSummary },
    description:
      'Answers anonymously: who answered is kept apart from the answers, which carry no person, account or time.',
  },
  'POST /api/school-reviews/:reviewId/close': { params: ReviewParams, response: { 200: Review } },
  'GET /api/school-reviews/:reviewId/results': {
    params: ReviewParams,
    response: { 200: ReviewResults },
    description: 'Mean and distribution per area and statement once closed; fewer than 5 respondents are suppressed.',
  },
} as const satisfies ApiMap;
