import { z } from 'zod';
import { LocalizedTextSchema } from '../../shared/text.ts';

const Id = z.string().min(1).max(64);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
/** A moment with its offset from UTC (`2026-03-01T10:00:00+05:00` or `...Z`); stored in UTC. */
const Moment = z.iso.datetime({ offset: true });
const Resolved = z.object({ text: z.string(), locale: z.string(), fallback: z.boolean() });
const HttpsUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain })
  .max(2000)
  .describe('An https address, e.g. the video call.');

export const EVENT_KINDS = ['workshop', 'regional_seminar', 'policy_meeting'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const AgendaItemInput = z.strictObject({
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM'),
  title: LocalizedTextSchema,
  presenter: z.string().trim().min(1).max(200).optional(),
});

export const EventBody = z
  .strictObject({
    kind: z.enum(EVENT_KINDS),
    title: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    unitId: Id.describe('The organising org unit; open registration is for people in its subtree.'),
    startsAt: Moment,
    endsAt: Moment,
    place: z.string().trim().min(1).max(500).optional(),
    onlineUrl: HttpsUrl.optional(),
    agenda: z.array(AgendaItemInput).max(100).default([]),
    registrationOpen: z.boolean().default(false),
    capacity: z.number().int().min(1).max(100_000).optional(),
  })
  .refine((e) => e.place || e.onlineUrl, { message: 'Give a place or an online link.', path: ['place'] });
export type EventInput = z.output<typeof EventBody>;

export const InviteBody = z
  .strictObject({
    personIds: z.array(Id).max(1000).default([]),
    guests: z
      .array(z.strictObject({ email: z.email().max(320), name: z.string().trim().min(1).max(200).optional() }))
      .max(500)
      .default([]),
  })
  .refine((b) => b.personIds.length + b.guests.length > 0, { message: 'Invite someone.', path: ['personIds'] });
export type InviteInput = z.output<typeof InviteBody>;

export const AttendanceBody = z.strictObject({
  people: z
    .array(z.strictObject({ personId: Id, attended: z.boolean() }))
    .max(2000)
    .default([]),
  guests: z
    .array(z.strictObject({ email: z.email(), attended: z.boolean() }))
    .max(500)
    .default([]),
});
export type AttendanceInput = z.output<typeof AttendanceBody>;

export const RecordBody = z.strictObject({ minutes: LocalizedTextSchema, outcomes: LocalizedTextSchema.optional() });
export type RecordInput = z.output<typeof RecordBody>;

export const DecisionBody = z.strictObject({ text: LocalizedTextSchema });

export const ActionBody = z.strictObject({
  title: LocalizedTextSchema,
  ownerPersonId: Id,
  dueOn: Day,
  decisionId: Id.optional(),
});
export type ActionInput = z.output<typeof ActionBody>;

export const EventParams = z.strictObject({ eventId: Id });
export const ActionParams = z.strictObject({ actionId: Id });
export const CalendarParams = z.strictObject({ token: z.string().min(20).max(100) });
export const EventsQuery = z.strictObject({
  unitId: Id.optional(),
  from: Moment.optional().describe('Only events ending at or after this moment.'),
});

export const EventAction = z.object({
  id: z.string(),
  eventId: z.string(),
  eventTitle: Resolved,
  decisionId: z.string().nullable(),
  title: Resolved,
  owner: z.object({ personId: z.string(), name: z.string() }),
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  overdue: z.boolean(),
  closedAt: z.string().nullable(),
  closedBy: z.object({ accountId: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type EventAction = z.infer<typeof EventAction>;
export const EventActionList = z.object({ items: z.array(EventAction) });

export const EventSummary = z.object({
  id: z.string(),
  kind: z.enum(EVENT_KINDS),
  title: Resolved,
  unit: z.object({ id: z.string() }),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  registrationOpen: z.boolean(),
  capacity: z.number().int().nullable(),
  /** The actor's place on the list, if any. */
  mine: z.enum(['invited', 'registered']).nullable(),
  canManage: z.boolean(),
});
export type EventSummary = z.infer<typeof EventSummary>;
export const EventList = z.object({ items: z.array(EventSummary) });

export const EventDetail = EventSummary.extend({
  description: Resolved.nullable(),
  source: z.object({
    title: z.record(z.string(), z.string()),
    description: z.record(z.string(), z.string()).nullable(),
  }),
  agenda: z.array(z.object({ time: z.string(), title: Resolved, presenter: z.string().nullable() })),
  seatsTaken: z.number().int(),
  /** Who is on the list, and outside guests: for organisers only (empty for others). */
  participants: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      source: z.enum(['invited', 'registered']),
      attended: z.boolean().nullable(),
    }),
  ),
  guests: z.array(z.object({ email: z.string(), name: z.string().nullable(), attended: z.boolean().nullable() })),
  minutes: Resolved.nullable(),
  outcomes: Resolved.nullable(),
  decisions: z.array(z.object({ id: z.string(), text: Resolved, createdAt: z.string() })),
  /** Organisers see every action; others only those they own. */
  actions: z.array(EventAction),
});
export type EventDetail = z.infer<typeof EventDetail>;

export const CalendarToken = z.object({ token: z.string(), url: z.string() });
