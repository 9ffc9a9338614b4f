import type { Kysely, Selectable } from 'kysely';
import type { DataSharingAgreementTable, DB } from '../../db/schema.ts';

export type AgreementRow = Selectable<DataSharingAgreementTable>;

const COLUMNS = [
  'tenant_id',
  'id',
  'grantee_tenant_id',
  'dataset',
  'granted_at',
  'granted_by_account_id',
  'revoked_at',
  'revoked_by_account_id',
] as const;

/** A country's agreements, newest first (its own history). */
export function agreementsOf(db: Kysely<DB>, tenantId: string): Promise<AgreementRow[]> {
  return db
    .selectFrom('data_sharing_agreement')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .orderBy('granted_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function getAgreement(db: Kysely<DB>, tenantId: string, id: string): Promise<AgreementRow | undefined> {
  return db
    .selectFrom('data_sharing_agreement')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function activeAgreement(db: Kysely<DB>, tenantId: string, granteeTenantId: string, dataset: string) {
  return db
    .selectFrom('data_sharing_agreement')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('grantee_tenant_id', '=', granteeTenantId)
    .where('dataset', '=', dataset)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** The regional side: every country's grant to this tenant that holds now (a read across tenants, by design). */
export function activeGrantsTo(db: Kysely<DB>, granteeTenantId: string): Promise<AgreementRow[]> {
  return db
    .selectFrom('data_sharing_agreement')
    .select(COLUMNS)
    .where('grantee_tenant_id', '=', granteeTenantId)
    .where('revoked_at', 'is', null)
    .orderBy('tenant_id')
    .execute();
}

export async function insertAgreement(db: Kysely<DB>, row: AgreementRow): Promise<void> {
  await db.insertInto('data_sharing_agreement').values(row).execute();
}

/** The one change an agreement ever takes: its revoke (only while it holds). */
export async function markRevoked(db: Kysely<DB>, tenantId: string, id: string, at: string, by: string | null) {
  const result = await db
    .updateTable('data_sharing_agreement')
    .set({ revoked_at: at, revoked_by_account_id: by })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** "Given Family" of the people behind these accounts, by account id: who granted and who revoked. */
export async function accountHolders(db: Kysely<DB>, tenantId: string, accountIds: string[]) {
  if (accountIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('user_account as a')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.person_id'))
    .select(['a.id', 'p.given_name', 'p.family_name'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.id', 'in', accountIds)
    .execute();
  return new Map(rows.map((r) => [r.id, `${r.given_name} ${r.family_name}`]));
}
