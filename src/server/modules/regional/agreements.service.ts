import { scopePaths } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { Tenant } from '../org/org.schemas.ts';
import * as org from '../org/org.service.ts';
import * as repo from './agreements.repo.ts';
import type { Agreement } from './regional.schemas.ts';

type Dataset = Agreement['dataset'];

/**
 * Data-sharing agreements: a country's ministry grants a regional office one named aggregate dataset
 * (never individuals) and may revoke it at once. Each grant and revoke is audited in both tenants:
 * the country sees what it gave, the office sees what it was given and taken back.
 */

/** Sharing is decided for the whole country: the permission must be held at its top unit. */
function requireNationalSharing(ctx: Ctx) {
  const roots = scopePaths(ctx, 'sharing.manage');
  if (!roots.some((path) => path.split('/').filter(Boolean).length <= 1))
    throw new AppError('forbidden', 'Only the ministry, for the whole country, shares its data.', {
      permission: 'sharing.manage',
    });
}

async function regionalTenants(ctx: Ctx): Promise<Tenant[]> {
  return (await org.listTenants(ctx)).filter((t) => t.kind === 'regional' && t.id !== ctx.tenantId);
}

/** An agreement as its country sees it; `holders` names the accounts that granted and revoked it. */
function toAgreement(row: repo.AgreementRow, grantees: Map<string, Tenant>, holders: Map<string, string>): Agreement {
  const grantee = grantees.get(row.grantee_tenant_id);
  const holder = (id: string | null) => (id && holders.get(id)) ?? null;
  return {
    id: row.id,
    grantee: { id: row.grantee_tenant_id, code: grantee?.code ?? '', name: grantee?.name ?? { en: '' } },
    dataset: row.dataset as Dataset,
    grantedAt: row.granted_at,
    grantedBy: holder(row.granted_by_account_id),
    revokedAt: row.revoked_at,
    revokedBy: holder(row.revoked_by_account_id),
    active: row.revoked_at === null,
  };
}

const holdersOf = (ctx: Ctx, rows: repo.AgreementRow[]) =>
  repo.accountHolders(ctx.db, ctx.tenantId, [
    ...new Set(rows.flatMap((r) => [r.granted_by_account_id, r.revoked_by_account_id]).filter((id) => id !== null)),
  ]);

export async function sharingOverview(ctx: Ctx) {
  requireNationalSharing(ctx);
  const [offices, rows] = [await regionalTenants(ctx), await repo.agreementsOf(ctx.db, ctx.tenantId)];
  const byId = new Map(offices.map((t) => [t.id, t]));
  const holders = await holdersOf(ctx, rows);
  return {
    regionalTenants: offices.map((t) => ({
      id: t.id,
      code: t.code,
      name: t.name,
      shared: rows
        .filter((r) => r.grantee_tenant_id === t.id && r.revoked_at === null)
        .map((r) => ({
          agreementId: r.id,
          dataset: r.dataset as Dataset,
          grantedAt: r.granted_at,
          grantedBy: toAgreement(r, byId, holders).grantedBy,
        })),
    })),
    history: rows.map((r) => toAgreement(r, byId, holders)),
  };
}

/** The same action, told in the grantee's own audit log (its actor is the country's officer). */
async function auditBothSides(ctx: Ctx, action: string, row: repo.AgreementRow, before: unknown, after: unknown) {
  const entity = { type: 'data_sharing_agreement', id: row.id };
  await recordAudit(ctx.db, ctx, action, entity, before, after);
  await recordAudit(ctx.db, { ...ctx, tenantId: row.grantee_tenant_id }, action, entity, before, after);
}

function auditView(row: repo.AgreementRow, country: Tenant, grantee: Tenant) {
  return {
    country: { id: country.id, code: country.code },
    grantee: { id: grantee.id, code: grantee.code },
    dataset: row.dataset,
    grantedAt: row.granted_at,
    revokedAt: row.revoked_at,
  };
}

export async function grant(ctx: Ctx, input: { granteeTenantId: string; dataset: Dataset }): Promise<Agreement> {
  requireNationalSharing(ctx);
  return inTransaction(ctx, async (tx) => {
    const grantee = (await regionalTenants(tx)).find((t) => t.id === input.granteeTenantId);
    if (!grantee)
      throw new AppError('regional_tenant_not_found', `No regional office with id ${input.granteeTenantId}.`, {
        field: 'granteeTenantId',
      });
    if (await repo.activeAgreement(tx.db, tx.tenantId, grantee.id, input.dataset))
      throw new AppError('dataset_already_shared', `${input.dataset} is already shared with ${grantee.code}.`, {
        field: 'dataset',
      });
    const row: repo.AgreementRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      grantee_tenant_id: grantee.id,
      dataset: input.dataset,
      granted_at: nowIso(),
      granted_by_account_id: tx.actor.accountId,
      revoked_at: null,
      revoked_by_account_id: null,
    };
    await repo.insertAgreement(tx.db, row);
    await auditBothSides(tx, 'data_sharing.grant', row, null, auditView(row, await org.getTenant(tx), grantee));
    return toAgreement(row, new Map([[grantee.id, grantee]]), await holdersOf(tx, [row]));
  });
}

/** Revokes at once: the office's next request no longer sees the dataset. */
export async function revoke(ctx: Ctx, agreementId: string): Promise<Agreement> {
  requireNationalSharing(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await repo.getAgreement(tx.db, tx.tenantId, agreementId);
    if (!before)
      throw new AppError('data_sharing_agreement_not_found', `No agreement with id ${agreementId}.`, {
        id: agreementId,
      });
    if (before.revoked_at !== null)
      throw new AppError('agreement_already_revoked', 'This agreement was revoked already.', { id: agreementId });
    const at = nowIso();
    await repo.markRevoked(tx.db, tx.tenantId, agreementId, at, tx.actor.accountId);
    const after = { ...before, revoked_at: at, revoked_by_account_id: tx.actor.accountId };
    const [country, tenants] = [await org.getTenant(tx), await org.listTenants(tx)];
    const grantee = tenants.find((t) => t.id === before.grantee_tenant_id)!;
    await auditBothSides(
      tx,
      'data_sharing.revoke',
      after,
      auditView(before, country, grantee),
      auditView(after, country, grantee),
    );
    return toAgreement(after, new Map([[grantee.id, grantee]]), await holdersOf(tx, [after]));
  });
}

/** For the regional office: which country shares which datasets with it now. */
export async function sharedWith(ctx: Ctx): Promise<Map<string, Set<Dataset>>> {
  const shared = new Map<string, Set<Dataset>>();
  for (const row of await repo.activeGrantsTo(ctx.db, ctx.tenantId)) {
    const set = shared.get(row.tenant_id) ?? new Set<Dataset>();
    set.add(row.dataset as Dataset);
    shared.set(row.tenant_id, set);
  }
  return shared;
}
