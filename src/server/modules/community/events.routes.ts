import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { calendarFeed, issueCalendarToken } from './calendar.service.ts';
import type { CommunityDeps } from './community.routes.ts';
import { eventsApi } from './events.api.ts';
import * as events from './events.service.ts';

const tags = ['events'];
// Calendar apps poll the feed; limited per address like other public routes.
const feedLimit = { max: 60, timeWindow: '1 minute' };

export function eventRoutes(app: ZodApp, { database }: CommunityDeps) {
  route(app, eventsApi, 'GET /api/events', { tags }, (req) => events.listEvents(req.ctx, req.query));
  route(app, eventsApi, 'POST /api/events', { tags }, async (req, reply) =>
    reply.code(201).send(await events.createEvent(req.ctx, req.body)),
  );
  route(app, eventsApi, 'GET /api/events/:eventId', { tags }, (req) => events.getEvent(req.ctx, req.params.eventId));
  route(app, eventsApi, 'PUT /api/events/:eventId', { tags }, (req) =>
    events.updateEvent(req.ctx, req.params.eventId, req.body),
  );
  route(app, eventsApi, 'POST /api/events/:eventId/invitations', { tags }, (req) =>
    events.invite(req.ctx, req.params.eventId, req.body),
  );
  route(app, eventsApi, 'POST /api/events/:eventId/registration', { tags }, (req) =>
    events.register(req.ctx, req.params.eventId),
  );
  route(app, eventsApi, 'PUT /api/events/:eventId/attendance', { tags }, (req) =>
    events.recordAttendance(req.ctx, req.params.eventId, req.body),
  );
  route(app, eventsApi, 'PUT /api/events/:eventId/minutes', { tags }, (req) =>
    events.recordMinutes(req.ctx, req.params.eventId, req.body),
  );
  route(app, eventsApi, 'POST /api/events/:eventId/decisions', { tags }, async (req, reply) =>
    reply.code(201).send(await events.addDecision(req.ctx, req.params.eventId, req.body.text)),
  );
  route(app, eventsApi, 'POST /api/events/:eventId/actions', { tags }, async (req, reply) =>
    reply.code(201).send(await events.addAction(req.ctx, req.params.eventId, req.body)),
  );
  route(app, eventsApi, 'POST /api/events/actions/:actionId/close', { tags }, (req) =>
    events.closeAction(req.ctx, req.params.actionId),
  );
  route(app, eventsApi, 'GET /api/events/actions/overdue', { tags }, (req) => events.overdueActions(req.ctx));
  route(app, eventsApi, 'GET /api/me/actions', { tags }, (req) => events.myActions(req.ctx));
  route(app, eventsApi, 'POST /api/me/calendar-token', { tags }, (req) =>
    issueCalendarToken(req.ctx, `${req.protocol}://${req.host}`),
  );
  route(
    app,
    eventsApi,
    'GET /api/calendar/:token.ics',
    { tags, config: { auth: 'public' as const, rateLimit: feedLimit } },
    async (req, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(await calendarFeed(database, req.params.token)),
  );
}
