// This area's routes through the typed client (api/routes.ts): keys and types come from the server's route maps.
import { type ApiInput, type ApiResponse, call, queryKey, useApiQuery } from '../../api/routes.ts';

export type ReviewView = ApiResponse<'GET /api/school-reviews/:reviewId'>;
export type ReviewItem = ApiResponse<'GET /api/school-reviews'>['items'][number];
export type ResultsView = ApiResponse<'GET /api/school-reviews/:reviewId/results'>;
export type PlanView = ApiResponse<'GET /api/school-plans/:planId'>;
export type PlanItem = ApiResponse<'GET /api/school-plans'>['items'][number];
export type PlanOptions = ApiResponse<'GET /api/units/:unitId/school-plan-options'>;
export type DistrictView = ApiResponse<'GET /api/units/:unitId/school-plans'>;
export type PlanBody = ApiInput<'POST /api/school-plans'>['body'];

/** What a write invalidates: every query of the routes it changes. */
export const keys = {
  mine: queryKey('GET /api/school-reviews'),
  ofSchool: queryKey('GET /api/units/:unitId/school-reviews'),
  review: queryKey('GET /api/school-reviews/:reviewId'),
  results: queryKey('GET /api/school-reviews/:reviewId/results'),
  plans: queryKey('GET /api/school-plans'),
  plan: queryKey('GET /api/school-plans/:planId'),
  district: queryKey('GET /api/units/:unitId/school-plans'),
};
export const reviewKeys = [keys.mine, keys.ofSchool, keys.review, keys.results];
export const planKeys = [keys.plans, keys.plan, keys.district];

export const useMyReviews = () => useApiQuery('GET /api/school-reviews', {});
export const useSchoolReviews = (unitId: string) =>
  useApiQuery('GET /api/units/:unitId/school-reviews', { params: { unitId } }, { enabled: !!unitId });
export const useReview = (reviewId: string) =>
  useApiQuery('GET /api/school-reviews/:reviewId', { params: { reviewId } }, { enabled: !!reviewId });
export const useResults = (reviewId: string) =>
  useApiQuery('GET /api/school-reviews/:reviewId/results', { params: { reviewId } }, { enabled: !!reviewId });
export const useSchoolPlans = (schoolId: string, enabled = true) =>
  useApiQuery('GET /api/school-plans', { query: { schoolId } }, { enabled: !!schoolId && enabled });
export const usePlan = (planId: string) =>
  useApiQuery('GET /api/school-plans/:planId', { params: { planId } }, { enabled: !!planId });
export const usePlanOptions = (unitId: string) =>
  useApiQuery('GET /api/units/:unitId/school-plan-options', { params: { unitId } }, { enabled: !!unitId });
export const useDistrictPlans = (unitId: string) =>
  useApiQuery('GET /api/units/:unitId/school-plans', { params: { unitId } }, { enabled: !!unitId });

export const openReview = (body: ApiInput<'POST /api/school-reviews'>['body']) =>
  call('POST /api/school-reviews', { body });
export const answerReview = (reviewId: string, body: ApiInput<'POST /api/school-reviews/:reviewId/answers'>['body']) =>
  call('POST /api/school-reviews/:reviewId/answers', { params: { reviewId }, body });
export const closeReview = (reviewId: string) =>
  call('POST /api/school-reviews/:reviewId/close', { params: { reviewId } });
export const createPlan = (body: PlanBody) => call('POST /api/school-plans', { body });
export const updatePlan = (planId: string, body: ApiInput<'PATCH /api/school-plans/:planId'>['body']) =>
  call('PATCH /api/school-plans/:planId', { params: { planId }, body });
export const setPlanStatus = (planId: string, status: 'active' | 'archived') =>
  call('POST /api/school-plans/:planId/status', { params: { planId }, body: { status } });
export const recordProgress = (planId: string, body: ApiInput<'POST /api/school-plans/:planId/progress'>['body']) =>
  call('POST /api/school-plans/:planId/progress', { params: { planId }, body });

export const todayIso = () => new Date().toISOString().slice(0, 10);
export const addDaysIso = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
