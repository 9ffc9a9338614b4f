import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
import { EraseBody, ErasureResult, ExportQuery } from './privacy.schemas.ts';

const PersonParams = z.object({ personId: z.string().min(1) });

export const privacyApi = {
  'GET /api/me/export': {
    querystring: ExportQuery,
    description:
      'Everything Pathway holds about you: JSON (PersonExport) or, with format=pdf, a readable PDF in your language.',
  },
  'GET /api/people/:personId/export': {
    params: PersonParams,
    querystring: ExportQuery,
    description:
      "Everything Pathway holds about a person, for an administrator (accounts.manage over the person's unit): JSON or PDF.",
  },
  'POST /api/people/:personId/erase': {
    params: PersonParams,
    body: EraseBody,
    response: { 200: ErasureResult },
    description:
      'Pseudonymises a person (name, national and EMIS ids, contacts, sign-ins, evidence files) and keeps the ledger and figures; needs accounts.manage and people.write over their unit. Cannot be undone.',
  },
} as const satisfies ApiMap;
