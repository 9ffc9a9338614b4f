import type { ApiMap } from '../../http/route.ts';
import {
  Inbox,
  InboxQuery,
  Notification,
  NotificationParams,
  Preferences,
  UnreadCount,
} from './notifications.schemas.ts';

export const notificationsApi = {
  'GET /api/me/notifications': { querystring: InboxQuery, response: { 200: Inbox } },
  'GET /api/me/notifications/unread-count': { response: { 200: UnreadCount } },
  'POST /api/me/notifications/:notificationId/read': { params: NotificationParams, response: { 200: Notification } },
  'POST /api/me/notifications/read-all': { response: { 200: UnreadCount } },
  'GET /api/me/notification-preferences': { response: { 200: Preferences } },
  'PUT /api/me/notification-preferences': { body: Preferences, response: { 200: Preferences } },
} as const satisfies ApiMap;
