import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { evaluationApi } from './evaluation.api.ts';
import { offeringEvaluation } from './evaluation.service.ts';

const tags = ['surveys'];

export function evaluationRoutes(app: ZodApp) {
  route(app, evaluationApi, 'GET /api/offerings/:offeringId/evaluation', { tags }, (req) =>
    offeringEvaluation(req.ctx, req.params.offeringId),
  );
}
