import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
import { collaborationApi } from './collaboration.api.ts';
import {
  Agreement,
  AgreementParams,
  Comparison,
  ComparisonQuery,
  CountryTrends,
  CreateTenantBody,
  GrantBody,
  SharingOverview,
  TenantSummary,
} from './regional.schemas.ts';

export const operatorApi = {
  'GET /api/operator/tenants': {
    response: { 200: z.object({ tenants: z.array(TenantSummary) }) },
    description: 'Every tenant (countries and regional offices). Needs the operator token (PATHWAY_OPERATOR_TOKEN).',
  },
  'POST /api/operator/tenants': {
    body: CreateTenantBody,
    response: { 201: TenantSummary },
    description:
      'Creates a country (ISO 3166-1 alpha-2 code, languages Pathway has catalogues for) or a regional office ' +
      '(kind "regional"), with the top unit of its tree. Needs the operator token (PATHWAY_OPERATOR_TOKEN).',
  },
} as const satisfies ApiMap;

export const regionalApi = {
  'GET /api/data-sharing': {
    response: { 200: SharingOverview },
    description:
      "The ministry's data-sharing agreements: the regional offices it can share with, what each holds now, and " +
      'every grant and revoke.',
  },
  'POST /api/data-sharing': {
    body: GrantBody,
    response: { 201: Agreement },
    description: 'Grants a regional office read access to one aggregate dataset of the whole country; audited in both.',
  },
  'POST /api/data-sharing/:agreementId/revoke': {
    params: AgreementParams,
    response: { 200: Agreement },
    description: "Revokes an agreement at once: the office's next request no longer sees the dataset.",
  },
  'GET /api/regional/comparison': {
    querystring: ComparisonQuery,
    response: { 200: Comparison },
    description:
      'For a regional office: the countries that share their competency shares, by the reference framework’s ' +
      'competencies (share at or above each country’s target, hidden where the group is small), with mapping coverage ' +
      'and the caveat where a mapping is broader, narrower or related rather than exact.',
  },
  'GET /api/regional/trends': {
    response: { 200: CountryTrends },
    description:
      "For a regional office: each country's mean share at or above its target over the reference competencies its crosswalk maps, in every year the comparison can show (each point is that year's comparison).",
  },
  ...collaborationApi,
} as const satisfies ApiMap;
