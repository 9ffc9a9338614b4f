import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const ActivitiesPage = lazy(() => import('./ActivitiesPage.tsx'));
const ActivityPage = lazy(() => import('./ActivityPage.tsx'));
const ComparisonPage = lazy(() => import('./ComparisonPage.tsx'));
const SharingPage = lazy(() => import('./SharingPage.tsx'));

/** The regional office's comparison, the ministry's data sharing and regional activities, placed by App.tsx among the signed-in routes. */
export const regionalRoutes: ReactElement[] = [
  <Route key="regional" path="/regional" element={<ComparisonPage />} />,
  <Route key="data-sharing" path="/data-sharing" element={<SharingPage />} />,
  <Route key="regional-activities" path="/regional/activities" element={<ActivitiesPage />} />,
  <Route key="regional-activity" path="/regional/activities/:activityId" element={<ActivityPage />} />,
];
