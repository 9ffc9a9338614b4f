import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const CommunitiesPage = lazy(() => import('./CommunitiesPage.tsx'));
const CommunityPage = lazy(() => import('./CommunityPage.tsx'));
const ThreadPage = lazy(() => import('./ThreadPage.tsx'));
const CohortPage = lazy(() => import('./CohortPage.tsx'));
const SearchPage = lazy(() => import('./SearchPage.tsx'));

/** Communities of practice, placed by App.tsx among the signed-in routes. */
export const communityRoutes: ReactElement[] = [
  <Route key="communities" path="/communities" element={<CommunitiesPage />} />,
  <Route key="community" path="/communities/:communityId" element={<CommunityPage />} />,
  <Route key="community-thread" path="/communities/:communityId/threads/:threadId" element={<ThreadPage />} />,
  <Route key="offering-community" path="/offerings/:offeringId/community" element={<CohortPage />} />,
  <Route key="community-search" path="/search" element={<SearchPage />} />,
];
