import type { ReactElement } from 'react';

/** This area's pages as <Route> elements, placed by App.tsx among the signed-in routes. */
export const designRoutes: ReactElement[] = [];
