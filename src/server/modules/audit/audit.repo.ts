import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** Entries older than this entry id (ids are time-ordered). */
  before?: string | undefined;
}

/** Newest first. The trail is append-only: this module reads it, and nothing updates or deletes it. */
export function listAudit(db: Kysely<DB>, tenantId: string, filter: AuditFilter, limit: number) {
  let query = db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.before) query = query.where('id', '<', filter.before);
  return query.orderBy('id', 'desc').limit(limit).execute();
}
