import { z } from 'zod';

const Id = z.string().min(1).max(64);

export const COMMUNITY_KINDS = ['subject', 'region', 'partnership', 'cohort'] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];
export const COMMUNITY_ACCESS = ['open', 'members'] as const;
export type CommunityAccess = (typeof COMMUNITY_ACCESS)[number];
export const MEMBER_ROLES = ['owner', 'moderator', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
/** The small fixed set of reactions: one of each per person per post. */
export const REACTIONS = ['like', 'thanks', 'insightful', 'question'] as const;
export type Reaction = (typeof REACTIONS)[number];

/** A mention in a body is `@{personId}`: resolved to a member on the server, shown as the name. */
export const MENTION = /@\{([0-9a-zA-Z-]{1,64})\}/g;

const Text = z.string().trim().min(1);

export const CreateCommunityBody = z
  .strictObject({
    kind: z.enum(['subject', 'region', 'partnership']).describe('Cohort communities are made for offerings.'),
    name: Text.max(200),
    description: z.string().trim().max(4000).default(''),
    access: z.enum(COMMUNITY_ACCESS).default('open'),
    unitId: Id.optional().describe('Subject and region: the unit whose people it is for (open: may join).'),
    subject: z.string().trim().min(1).max(100).optional(),
    partnershipId: Id.optional(),
  })
  .refine((b) => b.kind !== 'partnership' || b.partnershipId, {
    message: 'Name the partnership.',
    path: ['partnershipId'],
  })
  .refine((b) => b.kind === 'partnership' || b.unitId, { message: 'Name the unit.', path: ['unitId'] });
export type CreateCommunityInput = z.output<typeof CreateCommunityBody>;

export const AddMembersBody = z.strictObject({
  personIds: z.array(Id).min(1).max(500),
  role: z.enum(['moderator', 'member']).default('member'),
});

const ResourceIds = z.array(Id).max(10).default([]);
export const ThreadBody = z.strictObject({
  title: Text.max(300),
  body: Text.max(20_000),
  resourceIds: ResourceIds,
});
export type ThreadInput = z.output<typeof ThreadBody>;
export const PostBody = z.strictObject({ body: Text.max(20_000), resourceIds: ResourceIds });
export type PostInput = z.output<typeof PostBody>;
export const ReasonBody = z.strictObject({ reason: Text.max(1000) });

export const CommunityParams = z.strictObject({ communityId: Id });
export const OfferingCommunityParams = z.strictObject({ offeringId: Id });
export const ThreadParams = z.strictObject({ threadId: Id });
export const PostParams = z.strictObject({ postId: Id });
export const ReactionParams = z.strictObject({ postId: Id, kind: z.enum(REACTIONS) });
export const ThreadsQuery = z.strictObject({
  before: z.string().max(200).optional().describe('The `next` of the previous page.'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const PostsQuery = z.strictObject({
  after: z.string().max(200).optional().describe('The `next` of the previous page.'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const SearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).describe('Words in any language; the last may be the start of a word.'),
  kind: z.enum(['resource', 'thread', 'event']).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const PersonRef = z.object({ id: z.string(), name: z.string() });

export const CommunitySummary = z.object({
  id: z.string(),
  kind: z.enum(COMMUNITY_KINDS),
  name: z.string(),
  description: z.string(),
  access: z.enum(COMMUNITY_ACCESS),
  unit: z.object({ id: z.string() }),
  subject: z.string().nullable(),
  partnershipId: z.string().nullable(),
  offeringId: z.string().nullable(),
  memberCount: z.number().int(),
  myRole: z.enum(MEMBER_ROLES).nullable(),
});
export type CommunitySummary = z.infer<typeof CommunitySummary>;

export const CommunityDetail = CommunitySummary.extend({
  members: z.array(PersonRef.extend({ role: z.enum(MEMBER_ROLES) })),
  can: z.object({ post: z.boolean(), join: z.boolean(), leave: z.boolean(), moderate: z.boolean() }),
});
export type CommunityDetail = z.infer<typeof CommunityDetail>;

export const CommunityList = z.object({ mine: z.array(CommunitySummary), open: z.array(CommunitySummary) });

export const ThreadSummary = z.object({
  id: z.string(),
  communityId: z.string(),
  title: z.string(),
  author: PersonRef,
  postCount: z.number().int(),
  lastPostAt: z.string(),
  createdAt: z.string(),
});
export const ThreadList = z.object({ items: z.array(ThreadSummary), next: z.string().nullable() });

export const Post = z.object({
  id: z.string(),
  threadId: z.string(),
  author: PersonRef,
  /** Null when hidden, except for moderators and the author. */
  body: z.string().nullable(),
  mentions: z.array(PersonRef),
  attachments: z.array(z.object({ id: z.string(), title: z.string().nullable(), readable: z.boolean() })),
  reactions: z.array(z.object({ kind: z.enum(REACTIONS), count: z.number().int(), mine: z.boolean() })),
  hidden: z
    .object({ reason: z.string().nullable(), by: PersonRef.nullable(), at: z.string().nullable() })
    .nullable()
    .describe('The reason and who are shown to moderators.'),
  reportCount: z.number().int().describe('Shown to moderators; 0 for others.'),
  reportedByMe: z.boolean(),
  createdAt: z.string(),
});
export type Post = z.infer<typeof Post>;

export const ThreadPage = z.object({
  thread: ThreadSummary,
  community: CommunitySummary.extend({ can: CommunityDetail.shape.can }),
  posts: z.array(Post),
  next: z.string().nullable(),
});

export const ReportedPost = z.object({
  post: Post,
  threadId: z.string(),
  threadTitle: z.string(),
  reasons: z.array(z.string()),
});
export const ReportList = z.object({ items: z.array(ReportedPost) });

export const SearchHit = z.object({
  kind: z.enum(['resource', 'thread', 'event']),
  id: z.string(),
  title: z.string(),
  /** Where the hit opens in the web app. */
  link: z.string(),
  score: z.number(),
});
export const SearchResults = z.object({ items: z.array(SearchHit) });
