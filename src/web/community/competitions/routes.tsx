import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const CompetitionsPage = lazy(() => import('./CompetitionList.tsx').then((m) => ({ default: m.CompetitionsPage })));
const CompetitionPage = lazy(() => import('./CompetitionPage.tsx').then((m) => ({ default: m.CompetitionPage })));
const ReviewsPage = lazy(() => import('./ReviewsPage.tsx').then((m) => ({ default: m.ReviewsPage })));

/**
 * PBL grant competitions, placed by App.tsx among the signed-in routes. The reviewer's queue is
 * /competition-reviews: /reviews is the assessor's queue of competency reviews.
 */
export const competitionRoutes: ReactElement[] = [
  <Route key="competitions" path="/competitions" element={<CompetitionsPage />} />,
  <Route key="competition" path="/competitions/:competitionId" element={<CompetitionPage />} />,
  <Route key="competition-reviews" path="/competition-reviews" element={<ReviewsPage />} />,
];
