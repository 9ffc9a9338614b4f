import type { InferResult, Kysely, Selectable } from 'kysely';
import { preparedQuery } from '../../db/prepared.ts';
import type { DB, LoginThrottleTable, UserAccountTable } from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';

export type AccountRow = Selectable<UserAccountTable>;

export function findAccountByUsername(db: Kysely<DB>, username: string): Promise<AccountRow | undefined> {
  return db.selectFrom('user_account').selectAll().where('username', '=', username).executeTakeFirst();
}

export function getAccount(db: Kysely<DB>, tenantId: string, id: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom('user_account')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertAccount(db: Kysely<DB>, row: AccountRow): Promise<void> {
  await db.insertInto('user_account').values(row).execute();
}

export async function updateAccount(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  patch: Partial<AccountRow>,
): Promise<void> {
  await db.updateTable('user_account').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export function grantsOf(db: Kysely<DB>, tenantId: string, accountIds: string[]) {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('role_assignment as r')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.org_unit_id'))
    .select(['r.id', 'r.account_id', 'r.role', 'r.org_unit_id', 'u.path', 'u.name'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.account_id', 'in', accountIds)
    .orderBy('u.path')
    .execute();
}

export async function insertGrant(
  db: Kysely<DB>,
  row: { tenant_id: string; id: string; account_id: string; role: string; org_unit_id: string; created_at: string },
): Promise<void> {
  await db.insertInto('role_assignment').values(row).execute();
}

export function getGrant(db: Kysely<DB>, tenantId: string, accountId: string, grantId: string) {
  return db
    .selectFrom('role_assignment as r')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.org_unit_id'))
    .select(['r.id', 'r.role', 'r.org_unit_id', 'u.path'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.account_id', '=', accountId)
    .where('r.id', '=', grantId)
    .executeTakeFirst();
}

export function findGrant(db: Kysely<DB>, tenantId: string, accountId: string, role: string, unitId: string) {
  return db
    .selectFrom('role_assignment')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('role', '=', role)
    .where('org_unit_id', '=', unitId)
    .executeTakeFirst();
}

export async function deleteGrant(db: Kysely<DB>, tenantId: string, grantId: string): Promise<void> {
  await db.deleteFrom('role_assignment').where('tenant_id', '=', tenantId).where('id', '=', grantId).execute();
}

/** Accounts whose person sits under the given subtrees. */
export function listAccounts(db: Kysely<DB>, tenantId: string, roots: string[], limit: number) {
  return db
    .selectFrom('user_account as a')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.person_id'))
    .select([
      'a.id',
      'a.username',
      'a.person_id',
      'a.status',
      'a.last_login_at',
      'a.must_change_password',
      'p.given_name',
      'p.family_name',
      'p.org_path',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where((eb) => pathUnder(eb, 'p.org_path', roots))
    .orderBy('a.username')
    .limit(limit)
    .execute();
}

export async function insertSession(
  db: Kysely<DB>,
  row: {
    id: string;
    tenant_id: string;
    account_id: string;
    csrf_token: string;
    created_at: string;
    expires_at: string;
  },
): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

export function getSession(db: Kysely<DB>, id: string) {
  return db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Who a session or an API token belongs to, in one statement: the credential, its account, the
 * tenant's default locale and the account's grants with their unit paths (one row per grant; one
 * row with null grant columns for an account without any). Read afresh on every request, so a
 * sign-out, a password change, a removed role or a disabled account counts on the next one.
 */
const callerColumns = [
  'a.tenant_id',
  'a.id as account_id',
  'a.person_id',
  'a.username',
  'a.status',
  'a.locale',
  'a.must_change_password',
  't.default_locale',
  'r.role',
  'r.org_unit_id',
  'u.path',
] as const;

function sessionCallerQuery(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('session as c')
    .innerJoin('user_account as a', (j) =>
      j.onRef('a.tenant_id', '=', 'c.tenant_id').onRef('a.id', '=', 'c.account_id'),
    )
    .innerJoin('tenant as t', 't.id', 'a.tenant_id')
    .leftJoin('role_assignment as r', (j) =>
      j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.account_id', '=', 'a.id'),
    )
    .leftJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.org_unit_id'))
    .select([...callerColumns, 'c.id as credential_id', 'c.csrf_token', 'c.expires_at'])
    .where('c.id', '=', id)
    .orderBy('u.path');
}

function tokenCallerQuery(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('api_token as c')
    .innerJoin('user_account as a', (j) =>
      j.onRef('a.tenant_id', '=', 'c.tenant_id').onRef('a.id', '=', 'c.account_id'),
    )
    .innerJoin('tenant as t', 't.id', 'a.tenant_id')
    .leftJoin('role_assignment as r', (j) =>
      j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.account_id', '=', 'a.id'),
    )
    .leftJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.org_unit_id'))
    .select([...callerColumns, 'c.id as credential_id', 'c.revoked_at', 'c.last_used_at'])
    .where('c.token_hash', '=', tokenHash)
    .orderBy('u.path');
}

export type SessionCallerRow = InferResult<ReturnType<typeof sessionCallerQuery>>[number];
export type TokenCallerRow = InferResult<ReturnType<typeof tokenCallerQuery>>[number];
export type CallerRow = SessionCallerRow | TokenCallerRow;

// They run before every signed-in request.
const sessionCallerPrepared = preparedQuery(sessionCallerQuery);
const tokenCallerPrepared = preparedQuery(tokenCallerQuery);

export async function sessionCaller(db: Kysely<DB>, id: string) {
  return (await sessionCallerPrepared(db, id)).rows;
}

export async function tokenCaller(db: Kysely<DB>, tokenHash: string) {
  return (await tokenCallerPrepared(db, tokenHash)).rows;
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Ends every session of an account but `exceptId`; answers how many ended. */
export async function deleteSessionsOf(
  db: Kysely<DB>,
  tenantId: string,
  accountId: string,
  exceptId?: string,
): Promise<number> {
  let query = db.deleteFrom('session').where('tenant_id', '=', tenantId).where('account_id', '=', accountId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const { numDeletedRows } = await query.executeTakeFirstOrThrow();
  return Number(numDeletedRows);
}

export async function insertToken(
  db: Kysely<DB>,
  row: { tenant_id: string; id: string; account_id: string; name: string; token_hash: string; created_at: string },
): Promise<void> {
  await db
    .insertInto('api_token')
    .values({ ...row, last_used_at: null, revoked_at: null })
    .execute();
}

export function getTokenByHash(db: Kysely<DB>, hash: string) {
  return db.selectFrom('api_token').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export function listTokens(db: Kysely<DB>, tenantId: string, accountId: string) {
  return db
    .selectFrom('api_token')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function updateToken(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  patch: { last_used_at?: string; revoked_at?: string },
): Promise<void> {
  await db.updateTable('api_token').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Revokes every live API token of an account; answers how many it revoked. */
export async function revokeTokensOf(db: Kysely<DB>, tenantId: string, accountId: string, at: string): Promise<number> {
  const { numUpdatedRows } = await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(numUpdatedRows);
}

/** Moves the end of every session of an account (an operator ending them at a set time; tests age a session). */
export async function setSessionsExpiry(
  db: Kysely<DB>,
  tenantId: string,
  accountId: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable('session')
    .set({ expires_at: expiresAt })
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .execute();
}

export type ThrottleRow = Selectable<LoginThrottleTable>;

export function getThrottle(db: Kysely<DB>, key: string): Promise<ThrottleRow | undefined> {
  return db
    .selectFrom('login_throttle')
    .select(['key', 'failures', 'window_start', 'next_allowed_at', 'updated_at'])
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Inserts the first row of a key; false when another request inserted it first. */
export async function insertThrottle(db: Kysely<DB>, row: ThrottleRow): Promise<boolean> {
  const result = await db
    .insertInto('login_throttle')
    .values(row)
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirstOrThrow();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Replaces a key's row if nobody changed it since it was read as `seen`; false otherwise. */
export async function replaceThrottle(db: Kysely<DB>, seen: ThrottleRow, row: ThrottleRow): Promise<boolean> {
  const { numUpdatedRows } = await db
    .updateTable('login_throttle')
    .set({
      failures: row.failures,
      window_start: row.window_start,
      next_allowed_at: row.next_allowed_at,
      updated_at: row.updated_at,
    })
    .where('key', '=', seen.key)
    .where('failures', '=', seen.failures)
    .where('updated_at', '=', seen.updated_at)
    .executeTakeFirstOrThrow();
  return Number(numUpdatedRows) === 1;
}

/**
 * Counts one attempt on a key whose window is still open and at least two attempts short of its
 * limit, in one statement, so that many sign-ins at once from one address (a school behind NAT)
 * never contend; undefined otherwise (the caller decides a missing row, an ended window or the limit).
 */
export function bumpThrottle(
  db: Kysely<DB>,
  key: string,
  windowOpenAfter: string,
  limit: number,
  now: string,
): Promise<ThrottleRow | undefined> {
  return db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '+', 1), updated_at: now }))
    .where('key', '=', key)
    .where('window_start', '>', windowOpenAfter)
    .where('failures', '<', limit - 1)
    .returning(['key', 'failures', 'window_start', 'next_allowed_at', 'updated_at'])
    .executeTakeFirst();
}

/** Gives back one counted attempt of a window (it turned out not to be a failure). */
export async function uncountThrottle(db: Kysely<DB>, key: string, windowStart: string): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '-', 1), next_allowed_at: null }))
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .where('failures', '>', 0)
    .execute();
}

export async function deleteThrottle(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

export async function pruneThrottles(db: Kysely<DB>, untouchedSince: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('updated_at', '<', untouchedSince).execute();
}

/** Where a reset link is mailed: the person's address. */
export async function emailOfPerson(db: Kysely<DB>, tenantId: string, personId: string): Promise<string | null> {
  const row = await db
    .selectFrom('person')
    .select('email')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .executeTakeFirst();
  return row?.email ?? null;
}

export async function insertPasswordReset(
  db: Kysely<DB>,
  row: { token_hash: string; tenant_id: string; account_id: string; created_at: string; expires_at: string },
) {
  await db
    .insertInto('password_reset')
    .values({ ...row, used_at: null })
    .execute();
}

/** Takes a reset link if it is unused and unexpired: at most one caller ever gets it. */
export async function claimPasswordReset(db: Kysely<DB>, tokenHash: string, at: string) {
  const row = await db
    .selectFrom('password_reset')
    .select(['tenant_id', 'account_id'])
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  if (!row) return undefined;
  const taken = await db
    .updateTable('password_reset')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1 ? row : undefined;
}
