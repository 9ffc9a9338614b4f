import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Inbox as InboxSchema,
  Preference as PreferenceSchema,
} from '../../server/modules/notifications/notifications.schemas.ts';
import { api } from '../api/client.ts';

export type Inbox = z.infer<typeof InboxSchema>;
export type Preference = z.infer<typeof PreferenceSchema>;

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  inbox: (order: string, limit: number) => ['notifications', 'inbox', order, limit] as const,
  preferences: ['notifications', 'preferences'] as const,
};

/** The unread count, refreshed every minute while the app is open. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => api<{ unread: number }>('/api/me/notifications/unread-count'),
    refetchInterval: 60_000,
  });
}
