// This area's routes through the typed client (api/routes.ts): keys and types come from the server's route map.
import { type ApiInput, type ApiResponse, call, queryKey, useApiQuery } from '../../api/routes.ts';

export type PartnershipView = ApiResponse<'GET /api/partnerships/:partnershipId'>;
export type PartnershipItem = ApiResponse<'GET /api/partnerships'>['items'][number];
export type CoverageView = ApiResponse<'GET /api/units/:unitId/partnership-coverage'>;
export type AssignmentView = ApiResponse<'GET /api/coach-assignments'>['items'][number];

/** What a write invalidates: every query of a route, or of one partnership. */
export const keys = {
  list: queryKey('GET /api/partnerships'),
  one: (partnershipId: string) => queryKey('GET /api/partnerships/:partnershipId', { params: { partnershipId } }),
  coverage: queryKey('GET /api/units/:unitId/partnership-coverage'),
  assignments: queryKey('GET /api/coach-assignments'),
};

type Status = NonNullable<ApiInput<'GET /api/partnerships'>['query']>['status'];

export const usePartnerships = (status: Status) => useApiQuery('GET /api/partnerships', { query: { status } });

export const usePartnership = (partnershipId: string) =>
  useApiQuery('GET /api/partnerships/:partnershipId', { params: { partnershipId } }, { enabled: !!partnershipId });

export const useOptions = (teiUnitId: string, enabled: boolean) =>
  useApiQuery('GET /api/partnerships/options', { query: { teiUnitId: teiUnitId || undefined } }, { enabled });

export const useCoverage = (unitId: string, partner: 'with' | 'without' | 'all') =>
  useApiQuery('GET /api/units/:unitId/partnership-coverage', { params: { unitId }, query: { partner } });

export const useAssignments = () => useApiQuery('GET /api/coach-assignments', {});

export const createPartnership = (body: ApiInput<'POST /api/partnerships'>['body']) =>
  call('POST /api/partnerships', { body });
export const updatePartnership = (
  partnershipId: string,
  body: ApiInput<'PATCH /api/partnerships/:partnershipId'>['body'],
) => call('PATCH /api/partnerships/:partnershipId', { params: { partnershipId }, body });
export const addLogEntry = (
  partnershipId: string,
  body: ApiInput<'POST /api/partnerships/:partnershipId/log'>['body'],
) => call('POST /api/partnerships/:partnershipId/log', { params: { partnershipId }, body });
export const assignCoach = (body: ApiInput<'POST /api/coach-assignments'>['body']) =>
  call('POST /api/coach-assignments', { body });

export const todayIso = () => new Date().toISOString().slice(0, 10);
