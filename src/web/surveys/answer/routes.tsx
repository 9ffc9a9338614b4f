import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const InvitedAnswerPage = lazy(() => import('./AnswerPages.tsx').then((m) => ({ default: m.InvitedAnswerPage })));
const MySurveysPage = lazy(() => import('./AnswerPages.tsx').then((m) => ({ default: m.MySurveysPage })));
export const LinkAnswerPage = lazy(() => import('./AnswerPages.tsx').then((m) => ({ default: m.LinkAnswerPage })));

/** Answering surveys as a signed-in person, placed by App.tsx among the signed-in routes. */
export const answerRoutes: ReactElement[] = [
  <Route key="my-surveys" path="/my-surveys" element={<MySurveysPage />} />,
  <Route key="survey-answer" path="/surveys/rounds/:roundId/answer" element={<InvitedAnswerPage />} />,
];
