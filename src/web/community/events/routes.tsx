import { lazy, type ReactElement } from 'react';
import { Route } from 'react-router';

const EventsPage = lazy(() => import('./EventList.tsx').then((m) => ({ default: m.EventsPage })));
const NewEventPage = lazy(() => import('./EventList.tsx').then((m) => ({ default: m.NewEventPage })));
const EventPage = lazy(() => import('./EventPages.tsx').then((m) => ({ default: m.EventPage })));
const MyActionsPage = lazy(() => import('./EventPages.tsx').then((m) => ({ default: m.MyActionsPage })));

/** Events, placed by App.tsx among the signed-in routes. */
export const eventRoutes: ReactElement[] = [
  <Route key="events" path="/events" element={<EventsPage />} />,
  <Route key="event-new" path="/events/new" element={<NewEventPage />} />,
  <Route key="event" path="/events/:eventId" element={<EventPage />} />,
  <Route key="my-actions" path="/my-actions" element={<MyActionsPage />} />,
];
