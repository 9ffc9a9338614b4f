import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { communitiesApi } from './communities.api.ts';
import * as communities from './communities.service.ts';
import * as threads from './threads.service.ts';

const tags = ['community'];

export function communityOfPracticeRoutes(app: ZodApp) {
  route(app, communitiesApi, 'GET /api/communities', { tags }, (req) => communities.listCommunities(req.ctx));
  route(app, communitiesApi, 'POST /api/communities', { tags }, async (req, reply) =>
    reply.code(201).send(await communities.createCommunity(req.ctx, req.body)),
  );
  route(app, communitiesApi, 'GET /api/communities/:communityId', { tags }, (req) =>
    communities.getCommunity(req.ctx, req.params.communityId),
  );
  route(app, communitiesApi, 'POST /api/communities/:communityId/membership', { tags }, (req) =>
    communities.join(req.ctx, req.params.communityId),
  );
  route(app, communitiesApi, 'DELETE /api/communities/:communityId/membership', { tags }, (req) =>
    communities.leave(req.ctx, req.params.communityId),
  );
  route(app, communitiesApi, 'POST /api/communities/:communityId/members', { tags }, (req) =>
    communities.addMembers(req.ctx, req.params.communityId, req.body),
  );
  route(app, communitiesApi, 'GET /api/communities/:communityId/threads', { tags }, (req) =>
    threads.listThreads(req.ctx, req.params.communityId, req.query),
  );
  route(app, communitiesApi, 'POST /api/communities/:communityId/threads', { tags }, async (req, reply) =>
    reply.code(201).send(await threads.createThread(req.ctx, req.params.communityId, req.body)),
  );
  route(app, communitiesApi, 'GET /api/communities/:communityId/reports', { tags }, (req) =>
    threads.reportedPosts(req.ctx, req.params.communityId),
  );
  route(app, communitiesApi, 'GET /api/offerings/:offeringId/community', { tags }, (req) =>
    communities.offeringCommunity(req.ctx, req.params.offeringId),
  );
  route(app, communitiesApi, 'GET /api/community/threads/:threadId', { tags }, (req) =>
    threads.getThread(req.ctx, req.params.threadId, req.query),
  );
  route(app, communitiesApi, 'POST /api/community/threads/:threadId/posts', { tags }, async (req, reply) =>
    reply.code(201).send(await threads.reply(req.ctx, req.params.threadId, req.body)),
  );
  route(app, communitiesApi, 'PUT /api/community/posts/:postId/reactions/:kind', { tags }, (req) =>
    threads.react(req.ctx, req.params.postId, req.params.kind, true),
  );
  route(app, communitiesApi, 'DELETE /api/community/posts/:postId/reactions/:kind', { tags }, (req) =>
    threads.react(req.ctx, req.params.postId, req.params.kind, false),
  );
  route(app, communitiesApi, 'POST /api/community/posts/:postId/report', { tags }, (req) =>
    threads.report(req.ctx, req.params.postId, req.body.reason),
  );
  route(app, communitiesApi, 'POST /api/community/posts/:postId/hide', { tags }, (req) =>
    threads.setHidden(req.ctx, req.params.postId, true, req.body.reason),
  );
  route(app, communitiesApi, 'POST /api/community/posts/:postId/unhide', { tags }, (req) =>
    threads.setHidden(req.ctx, req.params.postId, false, req.body.reason),
  );
  route(app, communitiesApi, 'GET /api/community/search', { tags }, (req) => threads.search(req.ctx, req.query));
}
