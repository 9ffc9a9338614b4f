import { type ApiResponse, useApiQuery } from '../api/routes.ts';

export type Preference = ApiResponse<'GET /api/me/notification-preferences'>['items'][number];

/** The unread count, refreshed every minute while the app is open. */
export function useUnreadCount() {
  return useApiQuery('GET /api/me/notifications/unread-count', {}, { refetchInterval: 60_000 });
}
