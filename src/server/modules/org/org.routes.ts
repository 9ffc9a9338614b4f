import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import {
  CreateUnitBody,
  HistoryEntry,
  ListUnitsQuery,
  MoveUnitBody,
  OrgUnit,
  OrgUnitDetail,
  OrgUnitWithCounts,
  Tenant,
  UnitParams,
  UpdateUnitBody,
} from './org.schemas.ts';
import * as org from './org.service.ts';

const tags = ['org units'];

export function orgRoutes(app: ZodApp) {
  app.get('/api/tenant', { schema: { tags, response: { 200: Tenant } } }, (req) => org.getTenant(req.ctx));

  app.get(
    '/api/org-units',
    {
      schema: { tags, querystring: ListUnitsQuery, response: { 200: z.object({ items: z.array(OrgUnitWithCounts) }) } },
    },
    async (req) => ({ items: await org.listUnits(req.ctx, req.query) }),
  );

  app.get('/api/org-units/:unitId', { schema: { tags, params: UnitParams, response: { 200: OrgUnitDetail } } }, (req) =>
    org.getUnit(req.ctx, req.params.unitId),
  );

  app.post(
    '/api/org-units',
    { schema: { tags, body: CreateUnitBody, response: { 201: OrgUnit } } },
    async (req, reply) => reply.code(201).send(await org.createUnit(req.ctx, req.body)),
  );

  app.patch(
    '/api/org-units/:unitId',
    { schema: { tags, params: UnitParams, body: UpdateUnitBody, response: { 200: OrgUnit } } },
    (req) => org.updateUnit(req.ctx, req.params.unitId, req.body),
  );

  app.post(
    '/api/org-units/:unitId/move',
    { schema: { tags, params: UnitParams, body: MoveUnitBody, response: { 200: OrgUnit } } },
    (req) => org.moveUnit(req.ctx, req.params.unitId, req.body.parentId),
  );

  app.get(
    '/api/org-units/:unitId/history',
    { schema: { tags, params: UnitParams, response: { 200: z.object({ items: z.array(HistoryEntry) }) } } },
    async (req) => ({ items: await org.unitHistory(req.ctx, req.params.unitId) }),
  );
}
