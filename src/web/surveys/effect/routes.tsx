import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const EffectPage = lazy(() => import('./EffectPage.tsx'));

/** The effect of training on confirmed competence, for a module or a programme of the catalogue. */
export const effectRoutes: ReactElement[] = [
  <Route key="module-effect" path="/evaluation/modules/:moduleId/effect" element={<EffectPage />} />,
  <Route key="programme-effect" path="/evaluation/programmes/:programmeId/effect" element={<EffectPage />} />,
];
