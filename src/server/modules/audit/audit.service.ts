import { hasPermissionAt } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import * as org from '../org/org.service.ts';
import * as repo from './audit.repo.ts';

/**
 * The audit trail is tenant-wide evidence, so reading it needs audit.read over the whole tenant
 * (administrators and ministry officers at the top unit).
 */
export async function listAudit(ctx: Ctx, query: repo.AuditFilter & { limit: number }) {
  if (!hasPermissionAt(ctx, 'audit.read', await org.topUnitPath(ctx))) {
    throw new AppError('forbidden', 'Reading the audit log needs audit.read at the top of the tree.', {
      permission: 'audit.read',
    });
  }
  const rows = await repo.listAudit(ctx.db, ctx.tenantId, query, query.limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorAccountId: r.actor_account_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
    requestId: r.request_id,
  }));
}
