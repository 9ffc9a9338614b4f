// The practice route maps are not in the typed client's `Api` yet (src/web/api/routes.ts): until they are,
// this area calls its routes through `api<T>` with the types inferred from the server's schemas (type-only
// imports). When `Api` includes PracticeApi, these become `call(...)` / `useApiQuery(...)` with the same keys.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Assignment,
  Coverage,
  CreateAssignmentBody,
  CreatePartnershipBody,
  LogBody,
  Partnership,
  PartnershipOptions,
  PartnershipSummary,
  UpdatePartnershipBody,
} from '../../../server/modules/practice/partnerships.schemas.ts';
import { api } from '../../api/client.ts';

export type PartnershipView = z.output<typeof Partnership>;
export type PartnershipItem = z.output<typeof PartnershipSummary>;
export type CoverageView = z.output<typeof Coverage>;
export type AssignmentView = z.output<typeof Assignment>;
export type Options = z.output<typeof PartnershipOptions>;

const q = (query: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) search.set(k, v);
  const text = search.toString();
  return text ? `?${text}` : '';
};
const id = encodeURIComponent;

/** Query keys by route key, as the typed client makes them: a prefix invalidates every query of a route. */
export const keys = {
  list: ['GET /api/partnerships'] as const,
  one: (partnershipId: string) => ['GET /api/partnerships/:partnershipId', { partnershipId }] as const,
  coverage: ['GET /api/units/:unitId/partnership-coverage'] as const,
  assignments: ['GET /api/coach-assignments'] as const,
};

export function usePartnerships(status: string, unitId?: string) {
  return useQuery({
    queryKey: [...keys.list, {}, { status, unitId }],
    queryFn: () => api<{ items: PartnershipItem[] }>(`/api/partnerships${q({ status, unitId })}`),
  });
}

export function usePartnership(partnershipId: string) {
  return useQuery({
    queryKey: keys.one(partnershipId),
    queryFn: () => api<PartnershipView>(`/api/partnerships/${id(partnershipId)}`),
    enabled: !!partnershipId,
  });
}

export function useOptions(teiUnitId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['GET /api/partnerships/options', {}, { teiUnitId }],
    queryFn: () => api<Options>(`/api/partnerships/options${q({ teiUnitId })}`),
    enabled,
  });
}

export function useCoverage(unitId: string, partner: string) {
  return useQuery({
    queryKey: [...keys.coverage, { unitId }, { partner }],
    queryFn: () => api<CoverageView>(`/api/units/${id(unitId)}/partnership-coverage${q({ partner })}`),
  });
}

export function useAssignments() {
  return useQuery({
    queryKey: [...keys.assignments, {}, {}],
    queryFn: () => api<{ items: AssignmentView[] }>('/api/coach-assignments'),
  });
}

export const createPartnership = (body: z.input<typeof CreatePartnershipBody>) =>
  api<PartnershipView>('/api/partnerships', { method: 'POST', body });
export const updatePartnership = (partnershipId: string, body: z.input<typeof UpdatePartnershipBody>) =>
  api<PartnershipView>(`/api/partnerships/${id(partnershipId)}`, { method: 'PATCH', body });
export const addLogEntry = (partnershipId: string, body: z.input<typeof LogBody>) =>
  api<PartnershipView>(`/api/partnerships/${id(partnershipId)}/log`, { method: 'POST', body });
export const assignCoach = (body: z.input<typeof CreateAssignmentBody>) =>
  api<AssignmentView>('/api/coach-assignments', { method: 'POST', body });

export const todayIso = () => new Date().toISOString().slice(0, 10);
