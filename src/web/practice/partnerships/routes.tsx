import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const PartnershipsPage = lazy(() => import('./PartnershipsPage.tsx'));
const PartnershipFormPage = lazy(() => import('./PartnershipForm.tsx'));
const PartnershipPage = lazy(() => import('./PartnershipPage.tsx'));
const CoveragePage = lazy(() => import('./CoveragePage.tsx'));
const CoachAssignmentsPage = lazy(() => import('./CoachAssignmentsPage.tsx'));

/** This area's pages as <Route> elements, placed by App.tsx among the signed-in routes. */
export const partnershipRoutes: ReactElement[] = [
  <Route key="partnerships" path="/partnerships" element={<PartnershipsPage />} />,
  <Route key="partnerships-new" path="/partnerships/new" element={<PartnershipFormPage />} />,
  <Route key="partnership" path="/partnerships/:partnershipId" element={<PartnershipPage />} />,
  <Route key="partnership-edit" path="/partnerships/:partnershipId/edit" element={<PartnershipFormPage />} />,
  <Route key="partnership-coverage" path="/org/:unitId/partnerships" element={<CoveragePage />} />,
  <Route key="coach-assignments" path="/coach-assignments" element={<CoachAssignmentsPage />} />,
];
