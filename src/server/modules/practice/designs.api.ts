import type { ApiMap } from '../../http/route.ts';
import {
  Colleagues,
  CommentBody,
  CreateDesignBody,
  DesignDetail,
  DesignParams,
  DesignStandard,
  DesignsPage,
  DesignVersion,
  ListDesignsQuery,
  ReviseDesignBody,
  ShareDesignBody,
  TemplateList,
  TemplatesQuery,
  VersionParams,
} from './designs.schemas.ts';

export const designsApi = {
  'GET /api/activity-designs': {
    querystring: ListDesignsQuery,
    response: { 200: DesignsPage },
    description: 'My designs (written or co-written), or designs shared with me; newest first, keyset paged.',
  },
  'GET /api/activity-designs/templates': {
    querystring: TemplatesQuery,
    response: { 200: TemplateList },
    description: 'Starting points (1:1 computing, project-based learning) in one language (default: yours).',
  },
  'GET /api/activity-designs/standard': {
    response: { 200: DesignStandard },
    description: 'The competencies and levels of the current standard, which a design is aligned to.',
  },
  'GET /api/activity-designs/colleagues': {
    response: { 200: Colleagues },
    description: 'Teachers of my school, who may co-author a design with me.',
  },
  'POST /api/activity-designs': {
    body: CreateDesignBody,
    response: { 201: DesignDetail },
    description: "A new design (version 1), private to its authors; a template's text when no content is given.",
  },
  'GET /api/activity-designs/:designId': { params: DesignParams, response: { 200: DesignDetail } },
  'PUT /api/activity-designs/:designId': {
    params: DesignParams,
    body: ReviseDesignBody,
    response: { 200: DesignDetail },
    description: 'Saves the next version; 409 conflict when baseVersion is no longer the latest.',
  },
  'GET /api/activity-designs/:designId/versions/:version': { params: VersionParams, response: { 200: DesignVersion } },
  'PUT /api/activity-designs/:designId/sharing': {
    params: DesignParams,
    body: ShareDesignBody,
    response: { 200: DesignDetail },
    description: "Who beyond the authors and their coaches reads it: the author's school, district or the nation.",
  },
  'POST /api/activity-designs/:designId/comments': {
    params: DesignParams,
    body: CommentBody,
    response: { 201: DesignDetail },
  },
} as const satisfies ApiMap;

export type DesignsApi = typeof designsApi;
