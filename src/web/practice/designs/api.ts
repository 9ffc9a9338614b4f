// The designs routes through the typed route map (api/routes.ts): one name per call and query key.
import { type ApiInput, type ApiResponse, call, queryKey } from '../../api/routes.ts';

export type Detail = ApiResponse<'GET /api/activity-designs/:designId'>;
export type Page = ApiResponse<'GET /api/activity-designs'>;
export type Version = ApiResponse<'GET /api/activity-designs/:designId/versions/:version'>;
export type Content = Version['content'];
export type Standard = ApiResponse<'GET /api/activity-designs/standard'>;
export type ListQuery = NonNullable<ApiInput<'GET /api/activity-designs'>['query']>;
export type CreateInput = ApiInput<'POST /api/activity-designs'>['body'];
export type ReviseInput = ApiInput<'PUT /api/activity-designs/:designId'>['body'];
export type Sharing = Detail['sharing'];
type Language = NonNullable<NonNullable<ApiInput<'GET /api/activity-designs/templates'>['query']>['language']>;

export const keys = {
  list: (query: ListQuery = {}) => queryKey('GET /api/activity-designs', { query }),
  all: queryKey('GET /api/activity-designs'),
  one: (designId: string) => queryKey('GET /api/activity-designs/:designId', { params: { designId } }),
  version: (designId: string, version: number) =>
    queryKey('GET /api/activity-designs/:designId/versions/:version', { params: { designId, version } }),
  templates: (language: string) =>
    queryKey('GET /api/activity-designs/templates', { query: { language: language as Language } }),
  standard: queryKey('GET /api/activity-designs/standard'),
  colleagues: queryKey('GET /api/activity-designs/colleagues'),
};

export const designsClient = {
  list: (query: ListQuery) => call('GET /api/activity-designs', { query }),
  get: (designId: string) => call('GET /api/activity-designs/:designId', { params: { designId } }),
  version: (designId: string, version: number) =>
    call('GET /api/activity-designs/:designId/versions/:version', { params: { designId, version } }),
  templates: (language: string) =>
    call('GET /api/activity-designs/templates', { query: { language: language as Language } }),
  standard: () => call('GET /api/activity-designs/standard'),
  colleagues: () => call('GET /api/activity-designs/colleagues'),
  create: (body: CreateInput) => call('POST /api/activity-designs', { body }),
  revise: (designId: string, body: ReviseInput) =>
    call('PUT /api/activity-designs/:designId', { params: { designId }, body }),
  share: (designId: string, sharing: Sharing) =>
    call('PUT /api/activity-designs/:designId/sharing', { params: { designId }, body: { sharing } }),
  comment: (designId: string, body: { body: string; version?: number }) =>
    call('POST /api/activity-designs/:designId/comments', { params: { designId }, body }),
};
