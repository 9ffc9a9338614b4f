import { z } from 'zod';
import { KINDS } from './notifications.templates.ts';

export const NotificationKind = z.enum(KINDS);
export const EmailMode = z.enum(['off', 'immediate', 'daily']);

export const Notification = z.object({
  id: z.string(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const InboxQuery = z.strictObject({
  order: z.enum(['unread_first', 'newest']).default('unread_first'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const Inbox = z.object({
  items: z.array(Notification),
  unread: z.number().int(),
  nextOffset: z.number().int().nullable(),
});

export const UnreadCount = z.object({ unread: z.number().int() });

export const NotificationParams = z.strictObject({ notificationId: z.uuid() });

export const Preference = z.strictObject({ kind: NotificationKind, inbox: z.boolean(), email: EmailMode });
export type Preference = z.infer<typeof Preference>;
export const Preferences = z.strictObject({ items: z.array(Preference) });
