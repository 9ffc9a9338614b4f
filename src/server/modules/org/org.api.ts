import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
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

export const orgApi = {
  'GET /api/tenant': { response: { 200: Tenant } },
  'GET /api/org-units': {
    querystring: ListUnitsQuery,
    response: { 200: z.object({ items: z.array(OrgUnitWithCounts) }) },
  },
  'GET /api/org-units/:unitId': { params: UnitParams, response: { 200: OrgUnitDetail } },
  'POST /api/org-units': { body: CreateUnitBody, response: { 201: OrgUnit } },
  'PATCH /api/org-units/:unitId': { params: UnitParams, body: UpdateUnitBody, response: { 200: OrgUnit } },
  'POST /api/org-units/:unitId/move': { params: UnitParams, body: MoveUnitBody, response: { 200: OrgUnit } },
  'GET /api/org-units/:unitId/history': {
    params: UnitParams,
    response: { 200: z.object({ items: z.array(HistoryEntry) }) },
  },
} as const satisfies ApiMap;
