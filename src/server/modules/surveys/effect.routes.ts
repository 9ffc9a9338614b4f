import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { effectApi } from './effect.api.ts';
import * as effect from './effect.service.ts';

const tags = ['surveys'];

export function effectRoutes(app: ZodApp) {
  route(app, effectApi, 'GET /api/evaluation/programmes/:programmeId/effect', { tags }, (req) =>
    effect.effectOfTraining(req.ctx, { kind: 'programme', id: req.params.programmeId }, req.query),
  );
  route(app, effectApi, 'GET /api/evaluation/modules/:moduleId/effect', { tags }, (req) =>
    effect.effectOfTraining(req.ctx, { kind: 'module', id: req.params.moduleId }, req.query),
  );
}
