import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { schoolPlansApi as api } from './schoolplans.api.ts';
import * as plans from './schoolplans.service.ts';

const tags = ['practice'];

export function schoolPlanRoutes(app: ZodApp) {
  route(app, api, 'GET /api/school-plans', { tags }, async (req) => ({
    items: await plans.listPlans(req.ctx, req.query.schoolId),
  }));
  route(app, api, 'GET /api/units/:unitId/school-plan-options', { tags }, (req) =>
    plans.planOptions(req.ctx, req.params.unitId),
  );
  route(app, api, 'POST /api/school-plans', { tags }, async (req, reply) =>
    reply.code(201).send(await plans.createPlan(req.ctx, req.body)),
  );
  route(app, api, 'GET /api/school-plans/:planId', { tags }, (req) => plans.getPlan(req.ctx, req.params.planId));
  route(app, api, 'PATCH /api/school-plans/:planId', { tags }, (req) =>
    plans.updatePlan(req.ctx, req.params.planId, req.body),
  );
  route(app, api, 'POST /api/school-plans/:planId/status', { tags }, (req) =>
    plans.setPlanStatus(req.ctx, req.params.planId, req.body.status),
  );
  route(app, api, 'POST /api/school-plans/:planId/progress', { tags }, async (req, reply) =>
    reply.code(201).send(await plans.recordProgress(req.ctx, req.params.planId, req.body)),
  );
  route(app, api, 'GET /api/units/:unitId/school-plans', { tags }, (req) =>
    plans.districtPlans(req.ctx, req.params.unitId),
  );
}
