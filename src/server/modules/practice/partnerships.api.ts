import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
import {
  Assignment,
  Coverage,
  CoverageParams,
  CoverageQuery,
  CreateAssignmentBody,
  CreatePartnershipBody,
  ListAssignmentsQuery,
  ListPartnershipsQuery,
  LogBody,
  Partnership,
  PartnershipOptions,
  PartnershipOptionsQuery,
  PartnershipParams,
  PartnershipSummary,
  UpdatePartnershipBody,
} from './partnerships.schemas.ts';

export const partnershipsApi = {
  'GET /api/partnerships': {
    querystring: ListPartnershipsQuery,
    response: { 200: z.object({ items: z.array(PartnershipSummary) }) },
    description: 'Partnerships the caller manages, coaches in, or whose school they work at.',
  },
  'GET /api/partnerships/options': {
    querystring: PartnershipOptionsQuery,
    response: { 200: PartnershipOptions },
    description: "What a manager may choose from: hosts serving their area, the chosen host's coaches, schools.",
  },
  'POST /api/partnerships': { body: CreatePartnershipBody, response: { 201: Partnership } },
  'GET /api/partnerships/:partnershipId': { params: PartnershipParams, response: { 200: Partnership } },
  'PATCH /api/partnerships/:partnershipId': {
    params: PartnershipParams,
    body: UpdatePartnershipBody,
    response: { 200: Partnership },
  },
  'POST /api/partnerships/:partnershipId/log': {
    params: PartnershipParams,
    body: LogBody,
    response: { 201: Partnership },
    description: 'Appends an entry to the activity log (coaches and managers; entries are never changed).',
  },
  'GET /api/units/:unitId/partnership-coverage': {
    params: CoverageParams,
    querystring: CoverageQuery,
    response: { 200: Coverage },
    description: 'Schools under the unit with and without a partnership running on the day.',
  },
  'GET /api/coach-assignments': {
    querystring: ListAssignmentsQuery,
    response: { 200: z.object({ items: z.array(Assignment) }) },
    description: 'Assignments where the caller is coach or teacher, and those of teachers they manage.',
  },
  'POST /api/coach-assignments': { body: CreateAssignmentBody, response: { 201: Assignment } },
} as const satisfies ApiMap;
