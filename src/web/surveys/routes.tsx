import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const QuestionnaireList = lazy(() => import('./questionnaires/QuestionnaireList.tsx'));
const QuestionnaireView = lazy(() => import('./questionnaires/QuestionnaireView.tsx'));
const QuestionnaireEdit = lazy(() => import('./questionnaires/QuestionnaireEdit.tsx'));

/** The surveys area's pages as <Route> elements, placed by App.tsx among the signed-in routes. */
export const surveyRoutes: ReactElement[] = [
  <Route key="surveys" path="/surveys" element={<QuestionnaireList />} />,
  <Route key="survey" path="/surveys/:surveyId" element={<QuestionnaireView />} />,
  <Route key="survey-edit" path="/surveys/:surveyId/edit" element={<QuestionnaireEdit />} />,
];
