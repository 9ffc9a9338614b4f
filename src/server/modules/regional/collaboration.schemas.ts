import { z } from 'zod';
import { LocalizedTextSchema } from '../../shared/text.ts';

const Id = z.string().min(1).max(64);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const Resolved = z.object({ text: z.string(), locale: z.string(), fallback: z.boolean() });
const HttpsUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain })
  .max(2000)
  .describe('An https address, e.g. the video call or the project’s shared space.');

export const ACTIVITY_KINDS = ['seminar', 'training', 'project'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ActivityParams = z.object({ activityId: Id });
export const ParticipantParams = z.object({ activityId: Id, personId: Id });

export const CreateActivityBody = z
  .strictObject({
    kind: z.enum(ACTIVITY_KINDS),
    title: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    startsOn: Day,
    endsOn: Day,
    place: z.string().trim().min(1).max(500).optional(),
    onlineUrl: HttpsUrl.optional(),
    countryTenantIds: z.array(Id).max(200).default([]).describe('Countries invited at once (tenants of kind country).'),
  })
  .refine((a) => a.place || a.onlineUrl, { message: 'Give a place or an online link.', path: ['place'] });
export type CreateActivityInput = z.output<typeof CreateActivityBody>;

export const InviteCountriesBody = z.strictObject({ countryTenantIds: z.array(Id).min(1).max(200) });
export const NominateBody = z.strictObject({
  personIds: z.array(Id).min(1).max(100).describe('People of your own country, among those you can see.'),
});
export const AttendanceBody = z.strictObject({
  attendance: z
    .array(z.strictObject({ countryTenantId: Id, personId: Id, attended: z.boolean() }))
    .min(1)
    .max(2000),
});
export const PostBody = z.strictObject({ body: z.string().trim().min(1).max(5000) });

const TenantRef = z.object({ id: z.string(), code: z.string(), name: LocalizedTextSchema });

/** How the actor reaches the activity: holding it (office), invited (their ministry), or nominated. */
const Reach = z.object({ office: z.boolean(), ministry: z.boolean(), participant: z.boolean() });

export const ActivitySummary = z.object({
  id: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  title: Resolved,
  startsOn: z.string(),
  endsOn: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  office: TenantRef,
  countries: z.number().int(),
  participants: z.number().int(),
  reach: Reach,
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const ActivityList = z.object({
  items: z.array(ActivitySummary),
  /** Regional office staff create activities. */
  canCreate: z.boolean(),
  /** The countries an office may invite (empty for anyone else). */
  invitable: z.array(TenantRef),
});

export const Participant = z.object({
  /** Only for the office and the person's own ministry (who act on it); null for the other participants. */
  personId: z.string().nullable(),
  name: z.string(),
  school: Resolved,
  /** Recorded by the office; shown to the office only. */
  attended: z.boolean().nullable(),
});

export const ActivityDetail = ActivitySummary.extend({
  description: Resolved.nullable(),
  /** Every country invited; the participants each country's ministry nominated (what the actor may see of them). */
  invited: z.array(TenantRef.extend({ invitedAt: z.string(), participants: z.array(Participant) })),
  can: z.object({ invite: z.boolean(), attendance: z.boolean(), nominate: z.boolean(), post: z.boolean() }),
  /** For the office: countries not yet invited. */
  invitable: z.array(TenantRef),
});
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const Post = z.object({
  id: z.string(),
  author: z.string(),
  /** The author's country, or the regional office. */
  from: TenantRef,
  body: z.string(),
  createdAt: z.string(),
});
export type Post = z.infer<typeof Post>;
export const PostList = z.object({ items: z.array(Post) });
