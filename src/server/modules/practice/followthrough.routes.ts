import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { followThroughApi } from './followthrough.api.ts';
import * as followThrough from './followthrough.service.ts';

const tags = ['practice'];

export function followThroughRoutes(app: ZodApp) {
  route(app, followThroughApi, 'GET /api/follow-through', { tags }, (req) =>
    followThrough.myVisits(req.ctx, req.query.status),
  );
  route(app, followThroughApi, 'GET /api/units/:unitId/follow-through', { tags }, (req) =>
    followThrough.visitsUnderUnit(req.ctx, req.params.unitId, req.query),
  );
  route(app, followThroughApi, 'POST /api/follow-through/:visitId/record', { tags }, (req) =>
    followThrough.recordVisit(req.ctx, req.params.visitId, req.body),
  );
}
