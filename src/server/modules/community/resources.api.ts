import type { ApiMap } from '../../http/route.ts';
import {
  Collection,
  CollectionBody,
  CollectionItemBody,
  CollectionItemParams,
  CollectionList,
  CollectionParams,
  CreateResourceBody,
  RateResourceBody,
  RejectResourceBody,
  ResourceDetail,
  ResourcePage,
  ResourceParams,
  SearchResourcesQuery,
  ShareResourceBody,
  UpdateResourceBody,
  UploadFileQuery,
  UseResourceBody,
} from './resources.schemas.ts';

export const resourcesApi = {
  'GET /api/resources': {
    querystring: SearchResourcesQuery,
    response: { 200: ResourcePage },
    description:
      'The library as I may read it: full-text over every language of titles, descriptions and tags (ranked), with filters.',
  },
  'POST /api/resources': {
    body: CreateResourceBody,
    response: { 201: ResourceDetail },
    description: 'A new resource, a draft its authors alone read. An activity design is named, never copied.',
  },
  'GET /api/resources/:resourceId': { params: ResourceParams, response: { 200: ResourceDetail } },
  'PUT /api/resources/:resourceId': {
    params: ResourceParams,
    body: UpdateResourceBody,
    response: { 200: ResourceDetail },
    description: 'Its authors change a draft or shared resource; 409 resource_locked under review or published.',
  },
  'PUT /api/resources/:resourceId/sharing': {
    params: ResourceParams,
    body: ShareResourceBody,
    response: { 200: ResourceDetail },
    description: "Who reads it before publication: its authors only, the author's school or district.",
  },
  'POST /api/resources/:resourceId/submit': {
    params: ResourceParams,
    response: { 200: ResourceDetail },
    description: 'Asks for national publication.',
  },
  'POST /api/resources/:resourceId/approve': {
    params: ResourceParams,
    response: { 200: ResourceDetail },
    description:
      'Publishes a submitted resource for the whole country (community.moderate over its unit, not by its authors).',
  },
  'POST /api/resources/:resourceId/reject': {
    params: ResourceParams,
    body: RejectResourceBody,
    response: { 200: ResourceDetail },
    description:
      'Turns a submission down or withdraws a shared one (moderators over its unit), or takes a published resource down (national moderators), with the reason.',
  },
  /** The body is the file itself (an upload), so there is no body schema. */
  'PUT /api/resources/:resourceId/file': {
    params: ResourceParams,
    querystring: UploadFileQuery,
    response: { 200: ResourceDetail },
    description: 'The file as the request body; at most 20 MB; PDF, images, MP4, office documents, plain text.',
  },
  'GET /api/resources/:resourceId/file': {
    params: ResourceParams,
    description: 'The file, always as a download, with the type sniffed at upload.',
  },
  'PUT /api/resources/:resourceId/rating': {
    params: ResourceParams,
    body: RateResourceBody,
    response: { 200: ResourceDetail },
    description: 'My rating, 1 to 5; a second one replaces it.',
  },
  'POST /api/resources/:resourceId/uses': {
    params: ResourceParams,
    body: UseResourceBody,
    response: { 201: ResourceDetail },
    description: '"I used this in class": when, with which class, a short note. Reports are never changed.',
  },
  'GET /api/resource-collections': { response: { 200: CollectionList } },
  'POST /api/resource-collections': { body: CollectionBody, response: { 201: Collection } },
  'GET /api/resource-collections/:collectionId': { params: CollectionParams, response: { 200: Collection } },
  'POST /api/resource-collections/:collectionId/items': {
    params: CollectionParams,
    body: CollectionItemBody,
    response: { 200: Collection },
  },
  'DELETE /api/resource-collections/:collectionId/items/:resourceId': {
    params: CollectionItemParams,
    response: { 200: Collection },
  },
} as const satisfies ApiMap;

export type ResourcesApi = typeof resourcesApi;
