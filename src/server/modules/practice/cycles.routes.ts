import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { cyclesApi } from './cycles.api.ts';
import * as cycles from './cycles.service.ts';

const tags = ['coaching'];

export function cycleRoutes(app: ZodApp) {
  route(app, cyclesApi, 'GET /api/coaching-cycles', { tags }, (req) => cycles.listCycles(req.ctx, req.query));
  route(app, cyclesApi, 'POST /api/coaching-cycles', { tags }, async (req, reply) =>
    reply.code(201).send(await cycles.createCycle(req.ctx, req.body)),
  );
  route(app, cyclesApi, 'GET /api/coaching-cycles/:id', { tags }, (req) => cycles.getCycle(req.ctx, req.params.id));
  route(app, cyclesApi, 'PATCH /api/coaching-cycles/:id', { tags }, (req) =>
    cycles.updatePlan(req.ctx, req.params.id, req.body),
  );
  route(app, cyclesApi, 'PUT /api/coaching-cycles/:id/coach-reflection', { tags }, (req) =>
    cycles.coachReflection(req.ctx, req.params.id, req.body),
  );
  route(app, cyclesApi, 'PUT /api/coaching-cycles/:id/teacher-reflection', { tags }, (req) =>
    cycles.teacherReflection(req.ctx, req.params.id, req.body),
  );
  route(app, cyclesApi, 'PUT /api/coaching-cycles/:id/follow-up', { tags }, (req) =>
    cycles.followUp(req.ctx, req.params.id, req.body),
  );
  route(app, cyclesApi, 'POST /api/coaching-cycles/:id/close', { tags }, (req) =>
    cycles.closeCycle(req.ctx, req.params.id),
  );
  route(app, cyclesApi, 'POST /api/coaching-cycles/:id/observations', { tags }, (req) =>
    cycles.startObservation(req.ctx, req.params.id),
  );
  route(app, cyclesApi, 'GET /api/lesson-observations/:id', { tags }, (req) =>
    cycles.getObservation(req.ctx, req.params.id),
  );
  route(app, cyclesApi, 'PATCH /api/lesson-observations/:id', { tags }, (req) =>
    cycles.saveObservation(req.ctx, req.params.id, req.body),
  );
  route(app, cyclesApi, 'POST /api/lesson-observations/:id/submit', { tags }, (req) =>
    cycles.submitObservation(req.ctx, req.params.id),
  );
  route(app, cyclesApi, 'GET /api/coaching/coachees', { tags }, (req) => cycles.listCoachees(req.ctx));
  route(app, cyclesApi, 'GET /api/coaching/today', { tags }, (req) => cycles.todaysLessons(req.ctx));
  route(app, cyclesApi, 'GET /api/coaching/units/:unitId/summary', { tags }, (req) =>
    cycles.unitSummary(req.ctx, req.params.unitId),
  );
}
