import { z } from 'zod';
import type { ApiMap } from './route.ts';

/** The app's own routes (app.ts): health for monitors, and this OpenAPI document. */
export const systemApi = {
  'GET /api/health': {
    querystring: z.strictObject({}),
    response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) },
  },
  'GET /api/openapi.json': { hide: true, querystring: z.strictObject({}) },
} as const satisfies ApiMap;
