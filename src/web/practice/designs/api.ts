// The designs routes, typed from the server's schemas (type-only imports). The practice route map is not
// yet in api/routes.ts's `Api`; once it is, these become `call('GET /api/activity-designs', ...)` and
// `queryKey(...)`, whose keys have this same shape.
import type { z } from 'zod';
import type {
  Colleagues,
  CreateDesignBody,
  DesignDetail,
  DesignStandard,
  DesignsPage,
  DesignVersion,
  ListDesignsQuery,
  ReviseDesignBody,
  Sharing,
  TemplateList,
} from '../../../server/modules/practice/designs.schemas.ts';
import { api } from '../../api/client.ts';

export type Detail = z.output<typeof DesignDetail>;
export type Page = z.output<typeof DesignsPage>;
export type Version = z.output<typeof DesignVersion>;
export type Content = Version['content'];
export type Standard = z.output<typeof DesignStandard>;
export type Templates = z.output<typeof TemplateList>;
export type ListQuery = Partial<z.input<typeof ListDesignsQuery>>;
export type CreateInput = z.input<typeof CreateDesignBody>;
export type ReviseInput = z.input<typeof ReviseDesignBody>;
export type { Sharing };

const BASE = '/api/activity-designs';
const q = (query: Record<string, unknown>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && v !== null) s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};
const at = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export const keys = {
  list: (query: ListQuery = {}) => ['GET /api/activity-designs', {}, query] as const,
  all: ['GET /api/activity-designs'] as const,
  one: (designId: string) => ['GET /api/activity-designs/:designId', { designId }] as const,
  version: (designId: string, version: number) =>
    ['GET /api/activity-designs/:designId/versions/:version', { designId, version }] as const,
  templates: (language: string) => ['GET /api/activity-designs/templates', {}, { language }] as const,
  standard: ['GET /api/activity-designs/standard'] as const,
  colleagues: ['GET /api/activity-designs/colleagues'] as const,
};

export const designsClient = {
  list: (query: ListQuery) => api<Page>(`${BASE}${q(query)}`),
  get: (designId: string) => api<Detail>(at(designId)),
  version: (designId: string, version: number) => api<Version>(`${at(designId)}/versions/${version}`),
  templates: (language: string) => api<Templates>(`${BASE}/templates${q({ language })}`),
  standard: () => api<Standard>(`${BASE}/standard`),
  colleagues: () => api<z.output<typeof Colleagues>>(`${BASE}/colleagues`),
  create: (body: CreateInput) => api<Detail>(BASE, { method: 'POST', body }),
  revise: (designId: string, body: ReviseInput) => api<Detail>(at(designId), { method: 'PUT', body }),
  share: (designId: string, sharing: Sharing) =>
    api<Detail>(`${at(designId)}/sharing`, { method: 'PUT', body: { sharing } }),
  comment: (designId: string, body: { body: string; version?: number }) =>
    api<Detail>(`${at(designId)}/comments`, { method: 'POST', body }),
};
