import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
import {
  CreatePlanBody,
  DistrictPlans,
  ListPlansQuery,
  Plan,
  PlanOptions,
  PlanParams,
  PlanSummary,
  ProgressBody,
  StatusBody,
  UnitParams,
  UpdatePlanBody,
} from './schoolplans.schemas.ts';

export const schoolPlansApi = {
  'GET /api/school-plans': {
    querystring: ListPlansQuery,
    response: { 200: z.object({ items: z.array(PlanSummary) }) },
    description: "A school's ICT development plans, newest first (drafts only to those who manage practice there).",
  },
  'GET /api/units/:unitId/school-plan-options': {
    params: UnitParams,
    response: { 200: PlanOptions },
    description: "What a school's plan may name: its people, its teachers' development plans, partnerships, reviews.",
  },
  'POST /api/school-plans': { body: CreatePlanBody, response: { 201: Plan } },
  'GET /api/school-plans/:planId': { params: PlanParams, response: { 200: Plan } },
  'PATCH /api/school-plans/:planId': { params: PlanParams, body: UpdatePlanBody, response: { 200: Plan } },
  'POST /api/school-plans/:planId/status': {
    params: PlanParams,
    body: StatusBody,
    response: { 200: Plan },
    description: 'draft > active > archived; one active plan per school.',
  },
  'POST /api/school-plans/:planId/progress': {
    params: PlanParams,
    body: ProgressBody,
    response: { 201: Plan },
    description: "A dated progress review with each action's status at that moment (append-only).",
  },
  'GET /api/units/:unitId/school-plans': {
    params: UnitParams,
    response: { 200: DistrictPlans },
    description: 'Schools under the unit with their current (else latest) plan and its progress.',
  },
} as const satisfies ApiMap;
