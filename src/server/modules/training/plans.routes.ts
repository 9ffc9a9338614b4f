import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import * as plans from './plans.service.ts';
import { trainingApi } from './training.api.ts';

const tags = ['training'];

/** Development plans and the training demand they add up to. */
export function plansRoutes(app: ZodApp) {
  route(app, trainingApi, 'POST /api/people/:personId/development-plans', { tags }, async (req, reply) =>
    reply.code(201).send(await plans.generatePlan(req.ctx, req.params.personId, req.body.frameworkId)),
  );
  route(app, trainingApi, 'GET /api/people/:personId/development-plans', { tags }, async (req) => ({
    items: await plans.plansOf(req.ctx, req.params.personId),
  }));
  route(app, trainingApi, 'GET /api/development-plans/:id', { tags }, (req) => plans.getPlan(req.ctx, req.params.id));
  route(app, trainingApi, 'PUT /api/development-plans/:id/items', { tags }, (req) =>
    plans.editPlan(req.ctx, req.params.id, req.body),
  );
  route(app, trainingApi, 'POST /api/development-plans/:id/status', { tags }, (req) =>
    plans.setPlanStatus(req.ctx, req.params.id, req.body.status),
  );
  route(app, trainingApi, 'GET /api/units/:unitId/development-plans', { tags }, async (req) => ({
    items: await plans.plansUnder(req.ctx, req.params.unitId),
  }));
  route(app, trainingApi, 'GET /api/units/:unitId/training-demand', { tags }, (req) =>
    plans.demand(req.ctx, req.params.unitId),
  );
}
