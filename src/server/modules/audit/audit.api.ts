import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';

const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorAccountId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

export const auditApi = {
  'GET /api/audit': {
    querystring: z.strictObject({
      entityType: z.string().min(1).max(50).optional(),
      entityId: z.string().min(1).max(100).optional(),
      before: z.string().max(100).optional().describe('Entries older than this entry id (paging).'),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: { 200: z.object({ items: z.array(AuditEntry) }) },
  },
} as const satisfies ApiMap;
