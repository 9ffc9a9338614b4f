import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Ctx } from './context.ts';
import { newId, nowIso } from './ids.ts';

/** Appends one audit record; call it inside the transaction of the write it describes. */
export async function recordAudit(
  trx: Kysely<DB>,
  ctx: Ctx,
  action: string,
  entity: { type: string; id: string },
  before: unknown,
  after: unknown,
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      tenant_id: ctx.tenantId,
      id: newId(),
      at: nowIso(),
      actor_account_id: ctx.actor.accountId,
      action,
      entity_type: entity.type,
      entity_id: entity.id,
      before_json: before === null || before === undefined ? null : JSON.stringify(before),
      after_json: after === null || after === undefined ? null : JSON.stringify(after),
      request_id: ctx.requestId,
    })
    .execute();
}
