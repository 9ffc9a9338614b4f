import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const ComparisonPage = lazy(() => import('./ComparisonPage.tsx'));
const SharingPage = lazy(() => import('./SharingPage.tsx'));

/** The regional office's comparison and the ministry's data sharing, placed by App.tsx among the signed-in routes. */
export const regionalRoutes: ReactElement[] = [
  <Route key="regional" path="/regional" element={<ComparisonPage />} />,
  <Route key="data-sharing" path="/data-sharing" element={<SharingPage />} />,
];
