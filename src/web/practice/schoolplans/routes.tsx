import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const SchoolPlanPage = lazy(() => import('./SchoolPlanPage.tsx'));
const MySchoolPlan = lazy(() => import('./SchoolPlanPage.tsx').then((m) => ({ default: m.MySchoolPlan })));
const AnswerPage = lazy(() => import('./AnswerPage.tsx'));
const ResultsPage = lazy(() => import('./ResultsPage.tsx'));
const MyReviews = lazy(() => import('./MyReviews.tsx'));
const PlanEditorPage = lazy(() => import('./PlanEditor.tsx'));
const PlanPage = lazy(() => import('./PlanPage.tsx'));
const DistrictPlansPage = lazy(() => import('./DistrictPlansPage.tsx'));
const MyAreaPlans = lazy(() => import('./DistrictPlansPage.tsx').then((m) => ({ default: m.MyAreaPlans })));

/** This area's pages as <Route> elements, placed by App.tsx among the signed-in routes. */
export const schoolPlanRoutes: ReactElement[] = [
  <Route key="school-plan" path="/school-plan" element={<MySchoolPlan />} />,
  <Route key="school-plan-of" path="/org/:unitId/school-plan" element={<SchoolPlanPage />} />,
  <Route key="school-reviews" path="/school-reviews" element={<MyReviews />} />,
  <Route key="school-review-answer" path="/school-reviews/:reviewId" element={<AnswerPage />} />,
  <Route key="school-review-results" path="/school-reviews/:reviewId/results" element={<ResultsPage />} />,
  <Route key="school-plans" path="/school-plans" element={<MyAreaPlans />} />,
  <Route key="school-plans-new" path="/school-plans/new" element={<PlanEditorPage />} />,
  <Route key="school-plans-one" path="/school-plans/:planId" element={<PlanPage />} />,
  <Route key="school-plans-edit" path="/school-plans/:planId/edit" element={<PlanEditorPage />} />,
  <Route key="school-plans-area" path="/org/:unitId/school-plans" element={<DistrictPlansPage />} />,
];
