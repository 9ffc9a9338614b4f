import type { ApiMap } from '../../http/route.ts';
import {
  ActionBody,
  ActionParams,
  AttendanceBody,
  CalendarParams,
  CalendarToken,
  DecisionBody,
  EventAction,
  EventActionList,
  EventBody,
  EventDetail,
  EventList,
  EventParams,
  EventsQuery,
  InviteBody,
  RecordBody,
} from './events.schemas.ts';

export const eventsApi = {
  'GET /api/events': {
    querystring: EventsQuery,
    response: { 200: EventList },
    description:
      'Events the actor organises (training.manage or surveys.manage at the unit), is on the list of, or may ' +
      'register for (open events of a unit at or above their own), by start.',
  },
  'POST /api/events': {
    body: EventBody,
    response: { 201: EventDetail },
    description:
      'A workshop, regional seminar or policy meeting organised at a unit, by those who manage training or ' +
      'surveys there. Times carry their offset and are kept in UTC; a place or an https link is required.',
  },
  'GET /api/events/:eventId': {
    params: EventParams,
    response: { 200: EventDetail },
    description: 'One event; organisers also see the list, guests and every action, others their own actions.',
  },
  'PUT /api/events/:eventId': {
    params: EventParams,
    body: EventBody,
    response: { 200: EventDetail },
    description: 'Replaces an event (same unit). 404 when unseen, 403 forbidden when seen but not organised.',
  },
  'POST /api/events/:eventId/invitations': {
    params: EventParams,
    body: InviteBody,
    response: { 200: EventDetail },
    description:
      'Invites people of the tenant (told in their inbox: event_invited) and outside guests by email (kept, no account).',
  },
  'POST /api/events/:eventId/registration': {
    params: EventParams,
    response: { 200: EventDetail },
    description:
      'The actor registers for an open event of a unit at or above their own, before it starts; 409 event_full at capacity.',
  },
  'PUT /api/events/:eventId/attendance': {
    params: EventParams,
    body: AttendanceBody,
    response: { 200: EventDetail },
    description: 'Who came, by the organiser once the event has started (409 event_not_started before).',
  },
  'PUT /api/events/:eventId/minutes': {
    params: EventParams,
    body: RecordBody,
    response: { 200: EventDetail },
    description: 'Minutes and outcomes after the event (409 event_not_ended before).',
  },
  'POST /api/events/:eventId/decisions': {
    params: EventParams,
    body: DecisionBody,
    response: { 201: EventDetail },
    description: 'A decision taken at the event, after it.',
  },
  'POST /api/events/:eventId/actions': {
    params: EventParams,
    body: ActionBody,
    response: { 201: EventAction },
    description: 'A follow-up action with an owner and a due day, after the event.',
  },
  'POST /api/events/actions/:actionId/close': {
    params: ActionParams,
    response: { 200: EventAction },
    description:
      'Marks an action done, by its owner or an organiser; who and when are kept, and the change is audited. Once only.',
  },
  'GET /api/events/actions/overdue': {
    response: { 200: EventActionList },
    description: 'Open actions past their due day, of the events the actor organises.',
  },
  'GET /api/me/actions': {
    response: { 200: EventActionList },
    description: 'The actor’s open follow-up actions, soonest due first.',
  },
  'POST /api/me/calendar-token': {
    response: { 200: CalendarToken },
    description:
      'A new secret calendar address (iCalendar) for the events the actor is invited to or registered for; ' +
      'the previous address stops working. Shown once: only its hash is kept.',
  },
  'GET /api/calendar/:token.ics': {
    params: CalendarParams,
    description:
      'The calendar feed of the token’s owner as text/calendar (RFC 5545). No session: the token is the key.',
  },
} as const satisfies ApiMap;
