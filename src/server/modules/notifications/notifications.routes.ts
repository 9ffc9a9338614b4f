import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { notificationsApi } from './notifications.api.ts';
import * as notifications from './notifications.service.ts';

const tags = ['notifications'];

export function notificationsRoutes(app: ZodApp) {
  route(app, notificationsApi, 'GET /api/me/notifications', { tags }, (req) =>
    notifications.listInbox(req.ctx, req.query),
  );
  route(app, notificationsApi, 'GET /api/me/notifications/unread-count', { tags }, (req) =>
    notifications.unreadCount(req.ctx),
  );
  route(app, notificationsApi, 'POST /api/me/notifications/:notificationId/read', { tags }, (req) =>
    notifications.markRead(req.ctx, req.params.notificationId),
  );
  route(app, notificationsApi, 'POST /api/me/notifications/read-all', { tags }, (req) =>
    notifications.markAllRead(req.ctx),
  );
  route(app, notificationsApi, 'GET /api/me/notification-preferences', { tags }, (req) =>
    notifications.getPreferences(req.ctx),
  );
  route(app, notificationsApi, 'PUT /api/me/notification-preferences', { tags }, (req) =>
    notifications.setPreferences(req.ctx, req.body.items),
  );
}
