import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import * as plans from './plans.service.ts';
import {
  Demand,
  EditPlanBody,
  GeneratePlanBody,
  IdParams,
  PersonParams,
  Plan,
  PlanStatusBody,
  PlanSummary,
  UnitParams,
} from './training.schemas.ts';

const tags = ['training'];

/** Development plans and the training demand they add up to. */
export function plansRoutes(app: ZodApp) {
  app.post(
    '/api/people/:personId/development-plans',
    {
      schema: {
        tags,
        params: PersonParams,
        body: GeneratePlanBody,
        response: { 201: Plan },
        description: 'Proposes a draft from the gaps against the target level; replaces an earlier draft.',
      },
    },
    async (req, reply) =>
      reply.code(201).send(await plans.generatePlan(req.ctx, req.params.personId, req.body.frameworkId)),
  );
  app.get(
    '/api/people/:personId/development-plans',
    { schema: { tags, params: PersonParams, response: { 200: z.object({ items: z.array(Plan) }) } } },
    async (req) => ({ items: await plans.plansOf(req.ctx, req.params.personId) }),
  );
  app.get('/api/development-plans/:id', { schema: { tags, params: IdParams, response: { 200: Plan } } }, (req) =>
    plans.getPlan(req.ctx, req.params.id),
  );
  app.put(
    '/api/development-plans/:id/items',
    { schema: { tags, params: IdParams, body: EditPlanBody, response: { 200: Plan } } },
    (req) => plans.editPlan(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/development-plans/:id/status',
    { schema: { tags, params: IdParams, body: PlanStatusBody, response: { 200: Plan } } },
    (req) => plans.setPlanStatus(req.ctx, req.params.id, req.body.status),
  );
  app.get(
    '/api/units/:unitId/development-plans',
    { schema: { tags, params: UnitParams, response: { 200: z.object({ items: z.array(PlanSummary) }) } } },
    async (req) => ({ items: await plans.plansUnder(req.ctx, req.params.unitId) }),
  );
  app.get(
    '/api/units/:unitId/training-demand',
    { schema: { tags, params: UnitParams, response: { 200: Demand } } },
    (req) => plans.demand(req.ctx, req.params.unitId),
  );
}
