import type { ZodApp } from '../../http/app.ts';
import {
  Inbox,
  InboxQuery,
  Notification,
  NotificationParams,
  Preferences,
  UnreadCount,
} from './notifications.schemas.ts';
import * as notifications from './notifications.service.ts';

const tags = ['notifications'];

export function notificationsRoutes(app: ZodApp) {
  app.get('/api/me/notifications', { schema: { tags, querystring: InboxQuery, response: { 200: Inbox } } }, (req) =>
    notifications.listInbox(req.ctx, req.query),
  );
  app.get('/api/me/notifications/unread-count', { schema: { tags, response: { 200: UnreadCount } } }, (req) =>
    notifications.unreadCount(req.ctx),
  );
  app.post(
    '/api/me/notifications/:notificationId/read',
    { schema: { tags, params: NotificationParams, response: { 200: Notification } } },
    (req) => notifications.markRead(req.ctx, req.params.notificationId),
  );
  app.post('/api/me/notifications/read-all', { schema: { tags, response: { 200: UnreadCount } } }, (req) =>
    notifications.markAllRead(req.ctx),
  );
  app.get('/api/me/notification-preferences', { schema: { tags, response: { 200: Preferences } } }, (req) =>
    notifications.getPreferences(req.ctx),
  );
  app.put(
    '/api/me/notification-preferences',
    { schema: { tags, body: Preferences, response: { 200: Preferences } } },
    (req) => notifications.setPreferences(req.ctx, req.body.items),
  );
}
