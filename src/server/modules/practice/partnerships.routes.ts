import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import * as assignments from './assignments.service.ts';
import { partnershipsApi as api } from './partnerships.api.ts';
import * as partnerships from './partnerships.service.ts';

const tags = ['practice'];

export function partnershipRoutes(app: ZodApp) {
  route(app, api, 'GET /api/partnerships', { tags }, async (req) => ({
    items: await partnerships.listPartnerships(req.ctx, req.query),
  }));
  route(app, api, 'GET /api/partnerships/options', { tags }, (req) =>
    partnerships.partnershipOptions(req.ctx, req.query.teiUnitId),
  );
  route(app, api, 'POST /api/partnerships', { tags }, async (req, reply) =>
    reply.code(201).send(await partnerships.createPartnership(req.ctx, req.body)),
  );
  route(app, api, 'GET /api/partnerships/:partnershipId', { tags }, (req) =>
    partnerships.getPartnership(req.ctx, req.params.partnershipId),
  );
  route(app, api, 'PATCH /api/partnerships/:partnershipId', { tags }, (req) =>
    partnerships.updatePartnership(req.ctx, req.params.partnershipId, req.body),
  );
  route(app, api, 'POST /api/partnerships/:partnershipId/log', { tags }, async (req, reply) =>
    reply.code(201).send(await partnerships.addLogEntry(req.ctx, req.params.partnershipId, req.body)),
  );
  route(app, api, 'GET /api/units/:unitId/partnership-coverage', { tags }, (req) =>
    partnerships.coverage(req.ctx, req.params.unitId, req.query),
  );
  route(app, api, 'GET /api/coach-assignments', { tags }, async (req) => ({
    items: await assignments.listAssignments(req.ctx, req.query),
  }));
  route(app, api, 'POST /api/coach-assignments', { tags }, async (req, reply) =>
    reply.code(201).send(await assignments.assignCoach(req.ctx, req.body)),
  );
}
