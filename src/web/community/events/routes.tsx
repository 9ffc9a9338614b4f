import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const EventPage = lazy(() => import('./EventPages.tsx').then((m) => ({ default: m.EventPage })));
const MyActionsPage = lazy(() => import('./EventPages.tsx').then((m) => ({ default: m.MyActionsPage })));

/** Events as a participant sees them, placed by App.tsx among the signed-in routes. */
export const eventRoutes: ReactElement[] = [
  <Route key="event" path="/events/:eventId" element={<EventPage />} />,
  <Route key="my-actions" path="/my-actions" element={<MyActionsPage />} />,
];
