import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { auditApi } from './audit.api.ts';
import * as audit from './audit.service.ts';

export function auditRoutes(app: ZodApp) {
  route(app, auditApi, 'GET /api/audit', { tags: ['audit'] }, async (req) => ({
    items: await audit.listAudit(req.ctx, req.query),
  }));
}
