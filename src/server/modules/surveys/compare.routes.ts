import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { compareApi } from './compare.api.ts';
import { compareRounds } from './compare.service.ts';

const tags = ['surveys'];

export function compareRoutes(app: ZodApp) {
  route(app, compareApi, 'GET /api/surveys/rounds/:roundId/compare', { tags }, (req) =>
    compareRounds(req.ctx, req.params.roundId, req.query),
  );
}
