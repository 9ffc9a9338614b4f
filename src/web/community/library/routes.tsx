import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const LibraryPage = lazy(() => import('./LibraryPage.tsx'));
const NewResourcePage = lazy(() => import('./NewResourcePage.tsx'));
const ReviewPage = lazy(() => import('./ReviewPage.tsx'));
const ResourcePage = lazy(() => import('./ResourcePage.tsx'));

/** The resource library, placed by App.tsx among the signed-in routes. */
export const libraryRoutes: ReactElement[] = [
  <Route key="library" path="/library" element={<LibraryPage />} />,
  <Route key="library-new" path="/library/new" element={<NewResourcePage />} />,
  <Route key="library-review" path="/library/review" element={<ReviewPage />} />,
  <Route key="library-resource" path="/library/:resourceId" element={<ResourcePage />} />,
];
