import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const RoundsPage = lazy(() => import('./RoundsPage.tsx'));
const RoundPage = lazy(() => import('./RoundsPage.tsx').then((m) => ({ default: m.RoundPage })));
const SendRoundPage = lazy(() => import('./SendRoundPage.tsx'));
const ResultsPage = lazy(() => import('./ResultsPage.tsx'));
const ComparePage = lazy(() => import('./ComparePage.tsx'));

/** Sending questionnaires and reading their results, placed by App.tsx among the signed-in routes. */
export const roundRoutes: ReactElement[] = [
  <Route key="survey-rounds" path="/surveys/rounds" element={<RoundsPage />} />,
  <Route key="survey-round" path="/surveys/rounds/:roundId" element={<RoundPage />} />,
  <Route key="survey-results" path="/surveys/rounds/:roundId/results" element={<ResultsPage />} />,
  <Route key="survey-compare" path="/surveys/rounds/:roundId/compare" element={<ComparePage />} />,
  <Route key="survey-send" path="/surveys/:surveyId/send" element={<SendRoundPage />} />,
];
