import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';

const HeldPackage = z.object({
  country: z.string(),
  period: z.number().int(),
  generatedAt: z.string(),
  importedAt: z.string(),
  signer: z.string(),
});
const ImportResult = z.object({
  outcome: z.enum(['imported', 'replaced', 'unchanged', 'older']),
  country: z.string(),
  period: z.number().int(),
});

export const exchangeApi = {
  'GET /api/exchange/packages': {
    response: { 200: z.object({ packages: z.array(HeldPackage) }) },
    description: 'The signed aggregate packages this tenant holds: the newest per country and period.',
  },
  'POST /api/exchange/packages': {
    response: { 200: ImportResult },
    description:
      'A signed aggregate package (pathway-aggregate-package/1, JSON) as the request body. It is verified whole before anything is written: a tampered, unsigned, malformed or unknown-signer package is refused. A newer package of a period replaces the older; the same package twice changes nothing.',
  },
  'GET /api/exchange/key': {
    response: { 200: z.object({ verificationMethod: z.string(), publicKeyMultibase: z.string() }) },
    description: "This tenant's public signing key: what a receiving installation trusts for its packages.",
  },
} as const satisfies ApiMap;
