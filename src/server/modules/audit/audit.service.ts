import { hasPermissionAt } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import * as org from '../org/org.service.ts';

/**
 * The audit trail is tenant-wide evidence, so reading it needs audit.read over the whole tenant
 * (administrators and ministry officers at the top unit).
 */
export async function listAudit(
  ctx: Ctx,
  query: { entityType?: string | undefined; entityId?: string | undefined; before?: string | undefined; limit: number },
) {
  if (!hasPermissionAt(ctx, 'audit.read', await org.topUnitPath(ctx))) {
    throw new AppError('forbidden', 'Reading the audit log needs audit.read at the top of the tree.');
  }
  let q = ctx.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', ctx.tenantId);
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  if (query.before) q = q.where('id', '<', query.before);
  const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
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
