import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const LibraryPage = lazy(() => import('./LibraryPage.tsx'));

/** The resource library, placed by App.tsx among the signed-in routes. */
export const libraryRoutes: ReactElement[] = [<Route key="library" path="/library" element={<LibraryPage />} />];
