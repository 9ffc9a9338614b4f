import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const MyFollowThrough = lazy(() => import('./MyFollowThrough.tsx'));
const UnitFollowThrough = lazy(() => import('./UnitFollowThrough.tsx'));

/** This area's pages as <Route> elements, placed by App.tsx among the signed-in routes. */
export const followThroughRoutes: ReactElement[] = [
  <Route key="follow-through" path="/follow-through" element={<MyFollowThrough />} />,
  <Route key="unit-follow-through" path="/org/:unitId/follow-through" element={<UnitFollowThrough />} />,
];
