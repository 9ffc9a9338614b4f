import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../shared/ids.ts';

export type IssuerKeyRow = Selectable<DB['issuer_key']>;
export type CredentialRow = Selectable<DB['credential']>;

/** The tenant's issuer row, made on first use. */
export async function ensureIssuer(db: Kysely<DB>, tenantId: string): Promise<void> {
  await db
    .insertInto('credential_issuer')
    .values({ tenant_id: tenantId, key_seq: 0, next_status_index: 0, created_at: nowIso() })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
}

/** Takes the next status index; the update holds the issuer row lock until the transaction ends. */
export async function allocateStatusIndex(db: Kysely<DB>, tenantId: string): Promise<number> {
  await ensureIssuer(db, tenantId);
  const row = await db
    .updateTable('credential_issuer')
    .set((eb) => ({ next_status_index: eb('next_status_index', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .returning('next_status_index')
    .executeTakeFirstOrThrow();
  return row.next_status_index - 1;
}

/** Takes the issuer row lock (PostgreSQL) without changing anything: status list rebuilds queue behind it. */
export async function lockIssuer(db: Kysely<DB>, tenantId: string): Promise<void> {
  await ensureIssuer(db, tenantId);
  await db
    .updateTable('credential_issuer')
    .set((eb) => ({ key_seq: eb.ref('key_seq') }))
    .where('tenant_id', '=', tenantId)
    .execute();
}

export async function nextKeySeq(db: Kysely<DB>, tenantId: string): Promise<number> {
  await ensureIssuer(db, tenantId);
  const row = await db
    .updateTable('credential_issuer')
    .set((eb) => ({ key_seq: eb('key_seq', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .returning('key_seq')
    .executeTakeFirstOrThrow();
  return row.key_seq;
}

export function activeKey(db: Kysely<DB>, tenantId: string): Promise<IssuerKeyRow | undefined> {
  return db
    .selectFrom('issuer_key')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function insertKey(db: Kysely<DB>, row: Insertable<DB['issuer_key']>): Promise<void> {
  await db.insertInto('issuer_key').values(row).execute();
}

export async function retireKeys(db: Kysely<DB>, tenantId: string, at: string): Promise<string[]> {
  const rows = await db
    .updateTable('issuer_key')
    .set({ retired_at: at })
    .where('tenant_id', '=', tenantId)
    .where('retired_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export function listKeys(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('issuer_key')
    .select(['id', 'public_key_multibase', 'created_at', 'retired_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function getKey(db: Kysely<DB>, tenantId: string, keyId: string) {
  return db
    .selectFrom('issuer_key')
    .select(['id', 'public_key_multibase', 'created_at', 'retired_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', keyId)
    .executeTakeFirst();
}

export async function insertCredential(db: Kysely<DB>, row: Insertable<DB['credential']>): Promise<void> {
  await db.insertInto('credential').values(row).execute();
}

export function getCredential(db: Kysely<DB>, tenantId: string, id: string): Promise<CredentialRow | undefined> {
  return db
    .selectFrom('credential')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Public lookup by id alone (ids are UUIDs, unique across tenants). */
export function findCredential(db: Kysely<DB>, id: string): Promise<CredentialRow | undefined> {
  return db.selectFrom('credential').selectAll().where('id', '=', id).executeTakeFirst();
}

export function credentialsOf(db: Kysely<DB>, tenantId: string, personId: string): Promise<CredentialRow[]> {
  return db
    .selectFrom('credential')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Changes the status only from `from`: the guard that makes concurrent changes settle one way. */
export async function setStatus(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  from: string[],
  change: { status: string; reason: string; at: string; by: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('credential')
    .set({
      status: change.status,
      status_reason: change.reason,
      status_changed_at: change.at,
      status_changed_by_account_id: change.by,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Status indexes in [from, to) of credentials with `status`: the bits a list sets. */
export async function indexesWithStatus(
  db: Kysely<DB>,
  tenantId: string,
  status: string,
  from: number,
  to: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('credential')
    .select('status_index')
    .where('tenant_id', '=', tenantId)
    .where('status', '=', status)
    .where('status_index', '>=', from)
    .where('status_index', '<', to)
    .execute();
  return rows.map((r) => r.status_index);
}

export function getStatusList(db: Kysely<DB>, tenantId: string, purpose: string, listNo: number) {
  return db
    .selectFrom('credential_status_list')
    .select(['document', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .where('purpose', '=', purpose)
    .where('list_no', '=', listNo)
    .executeTakeFirst();
}

export async function saveStatusList(
  db: Kysely<DB>,
  row: { tenant_id: string; purpose: string; list_no: number; document: string; updated_at: string },
): Promise<void> {
  await db
    .insertInto('credential_status_list')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'purpose', 'list_no'])
        .doUpdateSet({ document: row.document, updated_at: row.updated_at }),
    )
    .execute();
}

export async function countsByStatus(db: Kysely<DB>, tenantId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('credential')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function countsByKey(db: Kysely<DB>, tenantId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('credential')
    .select(['key_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .groupBy('key_id')
    .execute();
  return new Map(rows.map((r) => [r.key_id, Number(r.n)]));
}

/**
 * The holder's chosen language. Read here rather than through accounts.service, which offers no
 * lookup by person; it is one column of one row, read only.
 */
export async function accountLocaleOf(db: Kysely<DB>, tenantId: string, personId: string): Promise<string | null> {
  const row = await db
    .selectFrom('user_account')
    .select('locale')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('locale', 'is not', null)
    .executeTakeFirst();
  return row?.locale ?? null;
}
