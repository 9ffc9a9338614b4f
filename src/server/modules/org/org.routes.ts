import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { orgApi } from './org.api.ts';
import * as org from './org.service.ts';

const tags = ['org units'];

export function orgRoutes(app: ZodApp) {
  route(app, orgApi, 'GET /api/tenant', { tags }, (req) => org.getTenant(req.ctx));
  route(app, orgApi, 'GET /api/org-units', { tags }, async (req) => ({
    items: await org.listUnits(req.ctx, req.query),
  }));
  route(app, orgApi, 'GET /api/org-units/:unitId', { tags }, (req) => org.getUnit(req.ctx, req.params.unitId));
  route(app, orgApi, 'POST /api/org-units', { tags }, async (req, reply) =>
    reply.code(201).send(await org.createUnit(req.ctx, req.body)),
  );
  route(app, orgApi, 'PATCH /api/org-units/:unitId', { tags }, (req) =>
    org.updateUnit(req.ctx, req.params.unitId, req.body),
  );
  route(app, orgApi, 'POST /api/org-units/:unitId/move', { tags }, (req) =>
    org.moveUnit(req.ctx, req.params.unitId, req.body.parentId),
  );
  route(app, orgApi, 'GET /api/org-units/:unitId/history', { tags }, async (req) => ({
    items: await org.unitHistory(req.ctx, req.params.unitId),
  }));
}
