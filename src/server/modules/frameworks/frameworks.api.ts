import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
import { Crosswalk, CrosswalkParams, LinkBody, LinkParams } from './crosswalks.service.ts';
import { CASE_PATH, CASE_PATH_V1P0 } from './frameworks.case.ts';
import { EXCHANGE_FORMATS } from './frameworks.names.ts';
import {
  AlignBody,
  Alignment,
  CreateFrameworkBody,
  Diff,
  DiffParams,
  FrameworkDetail,
  FrameworkParams,
  FrameworkSummary,
  FromTemplateBody,
  Goal,
  GoalBody,
  Item,
  ItemInput,
  ItemParams,
  MoveItemBody,
  NewVersionBody,
  PublishImpact,
  RubricBody,
  RubricParams,
  StatusBody,
  UpdateFrameworkBody,
  UpdateItemBody,
} from './frameworks.schemas.ts';

/** Standards, their items, rubrics, versions, policy goals and crosswalks (frameworks.routes.ts). */
export const frameworksApi = {
  'GET /api/frameworks': { response: { 200: z.object({ items: z.array(FrameworkSummary) }) } },
  'POST /api/frameworks': { body: CreateFrameworkBody, response: { 201: FrameworkDetail } },
  'POST /api/frameworks/from-template': {
    body: FromTemplateBody,
    response: { 201: FrameworkDetail },
    description: 'A complete draft with the structure of UNESCO’s ICT CFT (6 aspects x 3 levels).',
  },
  'GET /api/frameworks/:frameworkId': { params: FrameworkParams, response: { 200: FrameworkDetail } },
  'PATCH /api/frameworks/:frameworkId': {
    params: FrameworkParams,
    body: UpdateFrameworkBody,
    response: { 200: FrameworkDetail },
  },
  'POST /api/frameworks/:frameworkId/status': {
    params: FrameworkParams,
    body: StatusBody,
    response: { 200: FrameworkSummary },
  },
  'GET /api/frameworks/:frameworkId/publish-impact': { params: FrameworkParams, response: { 200: PublishImpact } },
  'POST /api/frameworks/:frameworkId/versions': {
    params: FrameworkParams,
    body: NewVersionBody,
    response: { 201: FrameworkDetail },
  },
  'GET /api/frameworks/:frameworkId/diff/:otherId': { params: DiffParams, response: { 200: Diff } },
  'POST /api/frameworks/:frameworkId/items': { params: FrameworkParams, body: ItemInput, response: { 201: Item } },
  'PATCH /api/frameworks/:frameworkId/items/:itemId': {
    params: ItemParams,
    body: UpdateItemBody,
    response: { 200: Item },
  },
  'POST /api/frameworks/:frameworkId/items/:itemId/move': {
    params: ItemParams,
    body: MoveItemBody,
    response: { 200: FrameworkDetail },
  },
  'DELETE /api/frameworks/:frameworkId/items/:itemId': { params: ItemParams },
  'PUT /api/frameworks/:frameworkId/items/:itemId/rubrics/:levelCode': {
    params: RubricParams,
    body: RubricBody,
    response: { 200: FrameworkDetail },
  },
  'DELETE /api/frameworks/:frameworkId/items/:itemId/rubrics/:levelCode': {
    params: RubricParams,
    response: { 200: FrameworkDetail },
  },
  'PUT /api/frameworks/:frameworkId/items/:itemId/goals': {
    params: ItemParams,
    body: AlignBody,
    response: { 200: Item },
  },
  'GET /api/frameworks/:frameworkId/alignment': { params: FrameworkParams, response: { 200: Alignment } },
  'GET /api/policy-goals': { response: { 200: z.object({ items: z.array(Goal) }) } },
  'POST /api/policy-goals': { body: GoalBody, response: { 201: Goal } },
  'GET /api/frameworks/:frameworkId/crosswalks/:otherId': { params: CrosswalkParams, response: { 200: Crosswalk } },
  'POST /api/frameworks/:frameworkId/crosswalks/:otherId/links': {
    params: CrosswalkParams,
    body: LinkBody,
    response: { 201: Crosswalk },
  },
  'DELETE /api/frameworks/:frameworkId/crosswalks/:otherId/links/:linkId': {
    params: LinkParams,
    response: { 200: Crosswalk },
  },
} as const satisfies ApiMap;

const Identifier = z.object({ sourcedId: z.string().min(1).max(100) });
const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const CasePackage = z.record(z.string(), z.unknown()).describe('A CASE 1.1 CFPackage');
const definition = { params: Identifier } as const;

/** CASE list endpoints: paging, and the binding's sort, orderBy, filter and fields (frameworks.case.query.ts). */
const CaseList = Paging.extend({
  sort: z.string().trim().min(1).max(100).optional().describe('The field to sort by, e.g. title.'),
  orderBy: z.enum(['asc', 'desc']).default('asc'),
  filter: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .optional()
    .describe(
      "Predicates joined by AND or OR, e.g. title~'science' AND adoptionStatus='Adopted' (=, !=, <, <=, >, >=, ~).",
    ),
  fields: z.string().trim().min(1).max(1000).optional().describe('The fields to return, comma-separated.'),
});

/** An item's associations: a set, so the same query, all of it unless a limit is given. */
const CaseSet = CaseList.extend({ limit: z.coerce.number().int().min(1).max(1000).default(1000) });

/** The CASE provider (frameworks.case.routes.ts): public, answered the CASE way; 1.1 and, beside it, 1.0. */
export const caseApi = {
  'GET /api/frameworks/:frameworkId/export/case': {
    params: FrameworkParams,
    response: { 200: CasePackage },
    description: 'Any framework you may read, as a CASE 1.1 CFPackage.',
  },
  [`GET ${CASE_PATH}/CFDocuments` as const]: { querystring: CaseList },
  [`GET ${CASE_PATH}/CFDocuments/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH}/CFPackages/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH}/CFItems/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH}/CFItemAssociations/:sourcedId` as const]: { ...definition, querystring: CaseSet },
  [`GET ${CASE_PATH}/CFAssociations/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH}/CFRubrics/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH}/CFItemTypes/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH}/CFConcepts/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH}/CFSubjects/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH}/CFLicenses/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH}/CFAssociationGroupings/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH_V1P0}/CFDocuments` as const]: { querystring: CaseList },
  [`GET ${CASE_PATH_V1P0}/CFDocuments/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH_V1P0}/CFPackages/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH_V1P0}/CFItems/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH_V1P0}/CFItemAssociations/:sourcedId` as const]: { ...definition, querystring: CaseSet },
  [`GET ${CASE_PATH_V1P0}/CFAssociations/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH_V1P0}/CFRubrics/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH_V1P0}/CFItemTypes/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH_V1P0}/CFConcepts/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH_V1P0}/CFSubjects/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH_V1P0}/CFLicenses/:sourcedId` as const]: definition,
  [`GET ${CASE_PATH_V1P0}/CFAssociationGroupings/:sourcedId` as const]: definition,
} as const satisfies ApiMap;

const ImportQuery = z.strictObject({
  format: z.enum(EXCHANGE_FORMATS).optional().describe('Detected from the file when absent.'),
  title: z.string().trim().min(1).max(200).optional().describe('Title of a Pathway CSV (it has no framework row).'),
  language: z.string().min(2).max(10).optional().describe('Language of a Moodle CSV (default: the tenant’s).'),
});
const ImportResult = z.object({
  frameworkId: z.string(),
  caseIdentifier: z.string(),
  format: z.enum(EXCHANGE_FORMATS),
  counts: z.object({
    levels: z.number().int(),
    items: z.number().int(),
    rubrics: z.number().int(),
    crosswalkLinks: z.number().int(),
    skipped: z.number().int(),
  }),
  framework: FrameworkDetail,
});

/** Whole-framework files (frameworks.exchange.routes.ts). The import's body is the file itself (an upload). */
export const exchangeApi = {
  'POST /api/frameworks/import': {
    querystring: ImportQuery,
    response: { 201: ImportResult },
    description:
      'The file as the request body: a CASE CFPackage (JSON), a Moodle competency framework CSV or a Pathway CSV. Imported as a new draft; any fault rejects the whole file (case_invalid with paths, csv_invalid with lines).',
  },
  'GET /api/frameworks/:frameworkId/export/:format': {
    params: FrameworkParams.extend({ format: z.enum(EXCHANGE_FORMATS) }),
    description:
      'The framework as a file: CASE 1.1 CFPackage (case), Moodle CSV (moodle-csv) or Pathway CSV (csv), named after the standard (title in the reader’s language, and version).',
  },
} as const satisfies ApiMap;
