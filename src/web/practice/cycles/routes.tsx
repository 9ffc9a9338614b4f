import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const CoachHome = lazy(() => import('./CoachHome.tsx'));
const CyclePage = lazy(() => import('./CyclePage.tsx'));
const ObservationPage = lazy(() => import('./ObservationPage.tsx'));
const MyCoaching = lazy(() => import('./MyCoaching.tsx'));

/** This area's pages as <Route> elements, placed by App.tsx among the signed-in routes. */
export const cycleRoutes: ReactElement[] = [
  <Route key="coaching" path="/coaching" element={<CoachHome />} />,
  <Route key="coaching-cycle" path="/coaching/cycles/:cycleId" element={<CyclePage />} />,
  <Route key="coaching-observation" path="/coaching/observations/:observationId" element={<ObservationPage />} />,
  <Route key="my-coaching" path="/my-coaching" element={<MyCoaching />} />,
];
