import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { schoolReviewsApi as api } from './schoolreviews.api.ts';
import * as reviews from './schoolreviews.service.ts';

const tags = ['practice'];

export function schoolReviewRoutes(app: ZodApp) {
  route(app, api, 'GET /api/school-reviews', { tags }, async (req) => ({ items: await reviews.myReviews(req.ctx) }));
  route(app, api, 'GET /api/units/:unitId/school-reviews', { tags }, async (req) => ({
    items: await reviews.schoolReviews(req.ctx, req.params.unitId),
  }));
  route(app, api, 'POST /api/school-reviews', { tags }, async (req, reply) =>
    reply.code(201).send(await reviews.openReview(req.ctx, req.body)),
  );
  route(app, api, 'GET /api/school-reviews/:reviewId', { tags }, (req) =>
    reviews.getReview(req.ctx, req.params.reviewId),
  );
  route(app, api, 'POST /api/school-reviews/:reviewId/answers', { tags }, async (req, reply) =>
    reply.code(201).send(await reviews.answerReview(req.ctx, req.params.reviewId, req.body)),
  );
  route(app, api, 'POST /api/school-reviews/:reviewId/close', { tags }, (req) =>
    reviews.closeReview(req.ctx, req.params.reviewId),
  );
  route(app, api, 'GET /api/school-reviews/:reviewId/results', { tags }, (req) =>
    reviews.reviewResults(req.ctx, req.params.reviewId),
  );
}
