import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const TranslationsPage = lazy(() => import('./TranslationsPage.tsx'));
const TranslationEditor = lazy(() => import('./TranslationEditor.tsx'));
const WordingPage = lazy(() => import('./WordingPage.tsx'));

/** The translation workflow, placed by App.tsx among the signed-in routes. */
export const translationRoutes: ReactElement[] = [
  <Route key="translations" path="/translations" element={<TranslationsPage />} />,
  <Route key="translation-wording" path="/translations/wording/:id" element={<WordingPage />} />,
  <Route key="translation-editor" path="/translations/:type/:id/:locale" element={<TranslationEditor />} />,
];
