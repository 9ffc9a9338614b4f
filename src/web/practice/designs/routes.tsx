import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const DesignList = lazy(() => import('./DesignList.tsx'));
const NewDesign = lazy(() => import('./NewDesign.tsx'));
const DesignEditor = lazy(() => import('./DesignEditor.tsx'));
const DesignView = lazy(() => import('./DesignView.tsx'));
const DesignPrint = lazy(() => import('./DesignPrint.tsx'));

/** This area's pages as <Route> elements, placed by App.tsx among the signed-in routes. */
export const designRoutes: ReactElement[] = [
  <Route key="designs" path="/designs" element={<DesignList />} />,
  <Route key="designs-new" path="/designs/new" element={<NewDesign />} />,
  <Route key="design" path="/designs/:designId" element={<DesignView />} />,
  <Route key="design-edit" path="/designs/:designId/edit" element={<DesignEditor />} />,
  <Route key="design-print" path="/designs/:designId/print" element={<DesignPrint />} />,
];
