import type { ApiMap } from '../../http/route.ts';
import {
  AddMembersBody,
  CommunityDetail,
  CommunityList,
  CommunityParams,
  CreateCommunityBody,
  OfferingCommunityParams,
  Post,
  PostBody,
  PostParams,
  PostsQuery,
  ReactionParams,
  ReasonBody,
  ReportList,
  SearchQuery,
  SearchResults,
  ThreadBody,
  ThreadList,
  ThreadPage,
  ThreadParams,
  ThreadsQuery,
} from './communities.schemas.ts';

export const communitiesApi = {
  'GET /api/communities': {
    response: { 200: CommunityList },
    description: 'The actor’s communities, and the open communities of units at or above their place they may join.',
  },
  'POST /api/communities': {
    body: CreateCommunityBody,
    response: { 201: CommunityDetail },
    description:
      'A subject or region community at a unit the actor is placed under or moderates, or a partnership’s ' +
      '(at its TEI, its coaches as members). The maker is its owner.',
  },
  'GET /api/communities/:communityId': {
    params: CommunityParams,
    response: { 200: CommunityDetail },
    description: 'One community with its members; 404 for anyone who may not read it.',
  },
  'POST /api/communities/:communityId/membership': {
    params: CommunityParams,
    response: { 200: CommunityDetail },
    description: 'Joins an open community of a unit at or above the actor’s place.',
  },
  'DELETE /api/communities/:communityId/membership': {
    params: CommunityParams,
    response: { 200: CommunityDetail.nullable() },
    description: 'Leaves a community (not a cohort: its members are the offering’s enrolments).',
  },
  'POST /api/communities/:communityId/members': {
    params: CommunityParams,
    body: AddMembersBody,
    response: { 200: CommunityDetail },
    description: 'Owners and moderators add people placed under the community’s unit.',
  },
  'GET /api/communities/:communityId/threads': {
    params: CommunityParams,
    querystring: ThreadsQuery,
    response: { 200: ThreadList },
    description: 'Threads by latest post, a page at a time.',
  },
  'POST /api/communities/:communityId/threads': {
    params: CommunityParams,
    body: ThreadBody,
    response: { 201: ThreadPage },
    description:
      'A new thread with its first post, by a member. Members are told (community_post), people mentioned as ' +
      '`@{personId}` too (community_mention); 429 posting_too_fast past the posting limits.',
  },
  'GET /api/communities/:communityId/reports': {
    params: CommunityParams,
    response: { 200: ReportList },
    description: 'Reported posts with the reasons, for the community’s moderators.',
  },
  'GET /api/offerings/:offeringId/community': {
    params: OfferingCommunityParams,
    response: { 200: CommunityDetail },
    description:
      'The cohort community of a training offering (made on first request): its enrolled people and trainers.',
  },
  'GET /api/community/threads/:threadId': {
    params: ThreadParams,
    querystring: PostsQuery,
    response: { 200: ThreadPage },
    description: 'A thread and a page of its posts in time order (hidden posts without their text but to moderators).',
  },
  'POST /api/community/threads/:threadId/posts': {
    params: ThreadParams,
    body: PostBody,
    response: { 201: Post },
    description: 'A reply by a member; attachments are library resources the poster can read.',
  },
  'PUT /api/community/posts/:postId/reactions/:kind': {
    params: ReactionParams,
    response: { 200: Post },
    description: 'Adds the actor’s reaction of this kind (one per person per kind).',
  },
  'DELETE /api/community/posts/:postId/reactions/:kind': {
    params: ReactionParams,
    response: { 200: Post },
    description: 'Takes the actor’s reaction of this kind back.',
  },
  'POST /api/community/posts/:postId/report': {
    params: PostParams,
    body: ReasonBody,
    response: { 200: Post },
    description: 'Reports a post to the moderators with a reason (once per person).',
  },
  'POST /api/community/posts/:postId/hide': {
    params: PostParams,
    body: ReasonBody,
    response: { 200: Post },
    description: 'A moderator hides a post with a reason (audited).',
  },
  'POST /api/community/posts/:postId/unhide': {
    params: PostParams,
    body: ReasonBody,
    response: { 200: Post },
    description: 'A moderator shows a hidden post again, with a reason (audited).',
  },
  'GET /api/community/search': {
    querystring: SearchQuery,
    response: { 200: SearchResults },
    description:
      'Library resources, community threads and events matching the words, ranked together; only what the actor may open.',
  },
} as const satisfies ApiMap;

export type CommunitiesApi = typeof communitiesApi;
