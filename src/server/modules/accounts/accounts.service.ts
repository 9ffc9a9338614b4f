import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import {
  type Grant,
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
  type Role,
  requirePermissionAt,
  requireScope,
  scopePaths,
} from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Actor, type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { sendMail } from '../../shared/mail.ts';
import { resolveText } from '../../shared/text.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import * as repo from './accounts.repo.ts';
import * as reset from './accounts.reset.ts';
import type { Account, CreateAccountInput, Me } from './accounts.schemas.ts';
import * as throttle from './accounts.throttle.ts';

export const SESSION_HOURS = 12;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

export function hashPassword(password: string): Promise<string> {
  // 2 is Algorithm.Argon2id (a const enum the library does not export as a value).
  return hash(password, { algorithm: 2 });
}

/** Who is calling, as the HTTP layer needs it to build a Ctx. */
export interface Authenticated {
  tenantId: string;
  defaultLocale: string;
  locale: string;
  actor: Actor;
  sessionId: string | null;
  csrfToken: string | null;
  /** Until set, every API call but me, the password change and sign-out answers 403 password_change_required. */
  mustChangePassword: boolean;
}

async function authenticatedAs(db: Kysely<DB>, account: repo.AccountRow, session?: { id: string; csrf: string }) {
  const tenant = await org.getTenant({ db, tenantId: account.tenant_id } as Ctx);
  const grants = await repo.grantsOf(db, account.tenant_id, [account.id]);
  const actor: Actor = {
    accountId: account.id,
    personId: account.person_id,
    username: account.username,
    system: false,
    grants: grants.map((g) => ({ role: g.role as Role, orgUnitId: g.org_unit_id, orgUnitPath: g.path })),
  };
  return {
    tenantId: account.tenant_id,
    defaultLocale: tenant.defaultLocale,
    locale: account.locale ?? tenant.defaultLocale,
    actor,
    sessionId: session?.id ?? null,
    csrfToken: session?.csrf ?? null,
    mustChangePassword: account.must_change_password === 1,
  } satisfies Authenticated;
}

/** Who signs in where: the database and the id of the sign-in request (for the audit trail). */
export interface SignInBase {
  db: Kysely<DB>;
  dialect: Dialect;
  requestId: string | null;
}

/** Where a sign-in attempt comes from, and when it is made (tests move the clock). */
export interface SignInAttempt {
  ip: string;
  at?: Date;
}

function tooManyAttempts(retryAfterMs: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError('too_many_requests', `Too many sign-in attempts. Try again in ${retryAfter} s.`, { retryAfter });
}

export async function login(base: SignInBase, username: string, password: string, from: SignInAttempt) {
  const { db } = base;
  const now = from.at ?? new Date();
  // Throttled before anything is checked, and the same way for usernames that do not exist.
  const address = await throttle.claimAddress(db, from.ip, now);
  if ('retryAfterMs' in address) throw tooManyAttempts(address.retryAfterMs);
  const attempt = await throttle.claimAccount(db, username, now);
  if ('retryAfterMs' in attempt) {
    await throttle.releaseAddress(db, address.held);
    throw tooManyAttempts(attempt.retryAfterMs);
  }
  const account = await repo.findAccountByUsername(db, username);
  // Verify against a dummy hash when the account is unknown so timing does not reveal which usernames exist.
  const ok = await verify(account?.password_hash ?? DUMMY_HASH, password).catch(() => false);
  if (!account || !ok || account.status !== 'active') {
    // Both attempts stay counted as failures.
    throw new AppError('invalid_credentials', 'Wrong username or password.');
  }
  await throttle.signedIn(db, username, address.held);
  const token = secret();
  const csrf = secret();
  const at = new Date();
  const session = {
    id: sha256(token),
    tenant_id: account.tenant_id,
    account_id: account.id,
    csrf_token: csrf,
    created_at: at.toISOString(),
    expires_at: new Date(at.getTime() + SESSION_HOURS * 3600_000).toISOString(),
  };
  const auth = await authenticatedAs(db, account, { id: session.id, csrf });
  await db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, session);
    await repo.updateAccount(trx, account.tenant_id, account.id, { last_login_at: session.created_at });
    const ctx = callerCtx({ ...base, db: trx }, auth);
    await recordAudit(trx, ctx, 'account.sign_in', { type: 'user_account', id: account.id }, null, null);
  });
  return { token, expiresAt: session.expires_at, auth };
}

function callerCtx(base: SignInBase, auth: Authenticated): Ctx {
  return {
    ...base,
    tenantId: auth.tenantId,
    defaultLocale: auth.defaultLocale,
    locale: auth.locale,
    actor: auth.actor,
  };
}

const DUMMY_HASH = await hashPassword('not-a-real-password-0');

export async function authenticateSession(db: Kysely<DB>, token: string): Promise<Authenticated | 'expired' | null> {
  const rows = await repo.sessionCaller(db, sha256(token));
  const session = rows[0];
  if (!session) return null;
  if (session.expires_at <= nowIso()) {
    await repo.deleteSession(db, session.credential_id);
    return 'expired';
  }
  if (session.status !== 'active') return null;
  return callerOf(rows, { id: session.credential_id, csrf: session.csrf_token });
}

export async function authenticateToken(db: Kysely<DB>, token: string): Promise<Authenticated | null> {
  const rows = await repo.tokenCaller(db, sha256(token));
  const row = rows[0];
  if (!row || row.revoked_at || row.status !== 'active') return null;
  // "Last used" to the minute is enough, and spares a write on every request of a busy integration.
  const now = nowIso();
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000)
    await repo.updateToken(db, row.tenant_id, row.credential_id, { last_used_at: now });
  return callerOf(rows);
}

/** The caller from the rows of `repo.sessionCaller` or `repo.tokenCaller` (one per grant). */
function callerOf(rows: repo.CallerRow[], session?: { id: string; csrf: string }): Authenticated {
  const account = rows[0]!;
  const grants: Grant[] = [];
  for (const row of rows) {
    if (row.role !== null && row.org_unit_id !== null && row.path !== null)
      grants.push({ role: row.role as Role, orgUnitId: row.org_unit_id, orgUnitPath: row.path });
  }
  return {
    tenantId: account.tenant_id,
    defaultLocale: account.default_locale,
    locale: account.locale ?? account.default_locale,
    actor: {
      accountId: account.account_id,
      personId: account.person_id,
      username: account.username,
      system: false,
      grants,
    },
    sessionId: session?.id ?? null,
    csrfToken: session?.csrf ?? null,
    mustChangePassword: account.must_change_password === 1,
  };
}

/** Ends the caller's session (a sign-in through an API token has none to end). */
export async function logout(ctx: Ctx, sessionId: string | null): Promise<void> {
  if (!sessionId || !ctx.actor.accountId) return;
  const accountId = ctx.actor.accountId;
  await inTransaction(ctx, async (tx) => {
    await repo.deleteSession(tx.db, sessionId);
    await recordAudit(tx.db, tx, 'account.sign_out', { type: 'user_account', id: accountId }, null, null);
  });
}

function permissionsOf(grants: Grant[]): Permission[] {
  const held = new Set(grants.flatMap((g) => ROLE_PERMISSIONS[g.role]));
  return PERMISSIONS.filter((p) => held.has(p));
}

async function grantViews(ctx: Ctx, accountIds: string[]) {
  const rows = await repo.grantsOf(ctx.db, ctx.tenantId, accountIds);
  return rows.map((g) => ({
    accountId: g.account_id,
    view: {
      id: g.id,
      role: g.role as Role,
      orgUnitId: g.org_unit_id,
      orgUnitName: resolveText(JSON.parse(g.name), ctx.locale, ctx.defaultLocale).text,
      orgUnitPath: g.path,
    },
  }));
}

export async function me(ctx: Ctx, csrfToken: string | null): Promise<Me> {
  const account = await requireOwnAccount(ctx);
  const person = await people.requirePerson(ctx, account.person_id);
  return {
    accountId: account.id,
    username: account.username,
    locale: ctx.locale,
    personId: person.id,
    displayName: `${person.given_name} ${person.family_name}`,
    tenant: await org.getTenant(ctx),
    grants: (await grantViews(ctx, [account.id])).map((g) => g.view),
    permissions: permissionsOf(ctx.actor.grants),
    csrfToken,
    mustChangePassword: account.must_change_password === 1,
  };
}

async function requireOwnAccount(ctx: Ctx) {
  const account = ctx.actor.accountId ? await repo.getAccount(ctx.db, ctx.tenantId, ctx.actor.accountId) : undefined;
  if (!account) throw new AppError('not_authenticated', 'Sign in first.');
  return account;
}

export async function setMyLocale(ctx: Ctx, locale: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const account = await requireOwnAccount(tx);
    await repo.updateAccount(tx.db, tx.tenantId, account.id, { locale, updated_at: nowIso() });
    await recordAudit(
      tx.db,
      tx,
      'account.locale',
      { type: 'user_account', id: account.id },
      { locale: account.locale },
      { locale },
    );
  });
}

/**
 * Ends an account's sign-ins: every session but `keep.sessionId` and, unless `keep.tokens`, every API token.
 * Call it in the transaction of the change that calls for it; the counts go into its audit record.
 */
async function endSignIns(tx: Ctx, accountId: string, keep: { sessionId?: string | null; tokens?: boolean } = {}) {
  const sessionsEnded = await repo.deleteSessionsOf(tx.db, tx.tenantId, accountId, keep.sessionId ?? undefined);
  const tokensRevoked = keep.tokens ? 0 : await repo.revokeTokensOf(tx.db, tx.tenantId, accountId, nowIso());
  return { sessionsEnded, tokensRevoked };
}

export async function changePassword(
  ctx: Ctx,
  currentPassword: string,
  newPassword: string,
  keep: { sessionId: string | null; tokens: boolean },
) {
  const account = await requireOwnAccount(ctx);
  if (!(await verify(account.password_hash, currentPassword).catch(() => false))) {
    throw new AppError('invalid_credentials', 'The current password is wrong.', { field: 'currentPassword' });
  }
  // Hashing takes tens of milliseconds: done before the transaction, which on SQLite holds the only connection.
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(ctx, async (tx) => {
    await repo.updateAccount(tx.db, tx.tenantId, account.id, {
      password_hash: passwordHash,
      must_change_password: 0,
      updated_at: nowIso(),
    });
    // Other sessions and the API tokens end: a changed password is often a response to a leak.
    const ended = await endSignIns(tx, account.id, keep);
    await recordAudit(tx.db, tx, 'account.change_password', { type: 'user_account', id: account.id }, null, {
      ...ended,
      tokensKept: keep.tokens,
    });
  });
}

/** An account whose person the actor may manage; otherwise "not found". */
async function requireManagedAccount(ctx: Ctx, accountId: string) {
  requireScope(ctx, 'accounts.manage');
  const account = await repo.getAccount(ctx.db, ctx.tenantId, accountId);
  if (!account) throw notFound('account', accountId);
  const person = await people.requirePerson(ctx, account.person_id).catch(() => undefined);
  if (!person || !scopePaths(ctx, 'accounts.manage').some((p) => person.org_path.startsWith(p))) {
    throw notFound('account', accountId);
  }
  return account;
}

export async function listAccounts(
  ctx: Ctx,
  query: { unitId?: string | undefined; limit: number },
): Promise<Account[]> {
  let roots = requireScope(ctx, 'accounts.manage');
  if (query.unitId) roots = [(await org.requireUnit(ctx, query.unitId, 'accounts.manage')).path];
  const rows = await repo.listAccounts(ctx.db, ctx.tenantId, roots, query.limit);
  const grants = await grantViews(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    personId: r.person_id,
    displayName: `${r.given_name} ${r.family_name}`,
    status: r.status as Account['status'],
    lastLoginAt: r.last_login_at,
    mustChangePassword: r.must_change_password === 1,
    grants: grants.filter((g) => g.accountId === r.id).map((g) => g.view),
  }));
}

export async function getAccount(ctx: Ctx, accountId: string): Promise<Account> {
  const account = await requireManagedAccount(ctx, accountId);
  const person = await people.requirePerson(ctx, account.person_id);
  return {
    id: account.id,
    username: account.username,
    personId: account.person_id,
    displayName: `${person.given_name} ${person.family_name}`,
    status: account.status as Account['status'],
    lastLoginAt: account.last_login_at,
    mustChangePassword: account.must_change_password === 1,
    grants: (await grantViews(ctx, [account.id])).map((g) => g.view),
  };
}

export async function createAccount(
  ctx: Ctx,
  input: CreateAccountInput,
  options: { mustChangePassword?: boolean } = {},
): Promise<Account> {
  const passwordHash = await hashPassword(input.password);
  requireScope(ctx, 'accounts.manage');
  const id = await inTransaction(ctx, async (tx) => {
    const person = await people.requirePerson(tx, input.personId);
    requirePermissionAt(tx, 'accounts.manage', person.org_path);
    if (await repo.findAccountByUsername(tx.db, input.username)) {
      throw new AppError('username_taken', `The username ${input.username} is taken.`, { field: 'username' });
    }
    const at = nowIso();
    const row: repo.AccountRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      person_id: person.id,
      username: input.username,
      password_hash: passwordHash,
      locale: null,
      status: 'active',
      created_at: at,
      updated_at: at,
      last_login_at: null,
      must_change_password: options.mustChangePassword ? 1 : 0,
    };
    await repo.insertAccount(tx.db, row);
    await recordAudit(tx.db, tx, 'account.create', { type: 'user_account', id: row.id }, null, {
      username: row.username,
      personId: row.person_id,
    });
    for (const grant of input.roles) await addGrant(tx, row.id, grant.role, grant.orgUnitId);
    return row.id;
  });
  return getAccount(ctx, id);
}

async function addGrant(ctx: Ctx, accountId: string, role: Role, orgUnitId: string) {
  const unit = await org.requireUnit(ctx, orgUnitId);
  requirePermissionAt(ctx, 'accounts.manage', unit.path);
  if (await repo.findGrant(ctx.db, ctx.tenantId, accountId, role, orgUnitId)) {
    throw new AppError('conflict', 'This account already holds that role at that unit.', { field: 'role' });
  }
  const row = {
    tenant_id: ctx.tenantId,
    id: newId(),
    account_id: accountId,
    role,
    org_unit_id: orgUnitId,
    created_at: nowIso(),
  };
  await repo.insertGrant(ctx.db, row);
  await recordAudit(ctx.db, ctx, 'role.assign', { type: 'user_account', id: accountId }, null, { role, orgUnitId });
}

export async function assignRole(ctx: Ctx, accountId: string, role: Role, orgUnitId: string): Promise<Account> {
  await inTransaction(ctx, async (tx) => {
    await requireManagedAccount(tx, accountId);
    await addGrant(tx, accountId, role, orgUnitId);
  });
  return getAccount(ctx, accountId);
}

export async function removeRole(ctx: Ctx, accountId: string, grantId: string): Promise<Account> {
  await inTransaction(ctx, async (tx) => {
    await requireManagedAccount(tx, accountId);
    const grant = await repo.getGrant(tx.db, tx.tenantId, accountId, grantId);
    if (!grant) throw notFound('role_assignment', grantId);
    requirePermissionAt(tx, 'accounts.manage', grant.path);
    await repo.deleteGrant(tx.db, tx.tenantId, grantId);
    await recordAudit(
      tx.db,
      tx,
      'role.remove',
      { type: 'user_account', id: accountId },
      { role: grant.role, orgUnitId: grant.org_unit_id },
      null,
    );
  });
  return getAccount(ctx, accountId);
}

export async function setAccountStatus(ctx: Ctx, accountId: string, status: 'active' | 'disabled'): Promise<Account> {
  await inTransaction(ctx, async (tx) => {
    const account = await requireManagedAccount(tx, accountId);
    // Placing a person in your district does not let you lock out someone whose roles reach beyond it.
    for (const grant of await repo.grantsOf(tx.db, tx.tenantId, [accountId])) {
      requirePermissionAt(tx, 'accounts.manage', grant.path);
    }
    await repo.updateAccount(tx.db, tx.tenantId, accountId, { status, updated_at: nowIso() });
    // Disabling ends every session and revokes every token for good: enabling again revives none.
    const ended = status === 'disabled' ? await endSignIns(tx, accountId) : {};
    await recordAudit(
      tx.db,
      tx,
      'account.status',
      { type: 'user_account', id: accountId },
      { status: account.status },
      { status, ...ended },
    );
  });
  return getAccount(ctx, accountId);
}

/**
 * Tokens are made from a signed-in browser session, never from another token: revoking a leaked
 * token must end the leak, which it could not if the token had minted others.
 */
/** Only a browser session creates tokens (the route says so): a leaked token cannot mint another. */
export async function createApiToken(ctx: Ctx, name: string) {
  const account = await requireOwnAccount(ctx);
  const token = `pw_${secret()}`;
  const row = {
    tenant_id: ctx.tenantId,
    id: newId(),
    account_id: account.id,
    name,
    token_hash: sha256(token),
    created_at: nowIso(),
  };
  await inTransaction(ctx, async (tx) => {
    await repo.insertToken(tx.db, row);
    await recordAudit(tx.db, tx, 'api_token.create', { type: 'api_token', id: row.id }, null, { name });
  });
  return { id: row.id, name, token, createdAt: row.created_at };
}

export async function listApiTokens(ctx: Ctx) {
  const account = await requireOwnAccount(ctx);
  const rows = await repo.listTokens(ctx.db, ctx.tenantId, account.id);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeApiToken(ctx: Ctx, tokenId: string): Promise<void> {
  const account = await requireOwnAccount(ctx);
  const tokens = await repo.listTokens(ctx.db, ctx.tenantId, account.id);
  const token = tokens.find((t) => t.id === tokenId);
  if (!token) throw notFound('api_token', tokenId);
  // Revoking twice keeps the first revocation's time.
  if (token.revoked_at) return;
  await inTransaction(ctx, async (tx) => {
    await repo.updateToken(tx.db, tx.tenantId, tokenId, { revoked_at: nowIso() });
    await recordAudit(tx.db, tx, 'api_token.revoke', { type: 'api_token', id: tokenId }, null, null);
  });
}

// ---------------------------------------------------------------- forgotten passwords

/**
 * "Forgot password": mails a single-use link valid 30 minutes to the account's person, in the
 * account's language. The answer is the same whether or not the username exists (and the mail is
 * sent after the answer, by the outbox), so the answer does not tell who has an account. Limited per client address (429) and per
 * username (silently: the same answer, no more mail).
 */
export async function requestPasswordReset(base: SignInBase, username: string, from: SignInAttempt): Promise<void> {
  const at = from.at ?? reset.resetClock.now();
  const byAddress = await reset.countRequest(base.db, `addr:${from.ip}`, at);
  if (byAddress > reset.PER_ADDRESS_PER_HOUR)
    throw new AppError('too_many_requests', 'Too many password reset requests from this address.', {
      retryAfter: 3600,
    });
  const byName = await reset.countRequest(base.db, `user:${username.toLowerCase()}`, at);
  const token = reset.newResetToken();
  const account = await repo.findAccountByUsername(base.db, username);
  if (account?.status !== 'active' || byName > reset.PER_USERNAME_PER_HOUR) return;
  await mailResetLink(base.db, account, token, at);
}

async function mailResetLink(db: Kysely<DB>, account: repo.AccountRow, token: string, at: Date) {
  const email = await repo.emailOfPerson(db, account.tenant_id, account.person_id);
  if (!email) return false;
  const tenant = await org.getTenant({ db, tenantId: account.tenant_id } as Ctx);
  const mail = reset.resetMail(account.locale ?? tenant.defaultLocale, account.username, token);
  await inTransaction({ db } as Ctx, async (tx) => {
    await repo.insertPasswordReset(tx.db, {
      token_hash: reset.tokenHash(token),
      tenant_id: account.tenant_id,
      account_id: account.id,
      created_at: at.toISOString(),
      expires_at: new Date(at.getTime() + reset.RESET_MINUTES * 60_000).toISOString(),
    });
    await sendMail(tx.db, { tenantId: account.tenant_id, to: email, ...mail }, at);
  });
  return true;
}

/** Sets a new password from a reset link (once, within 30 minutes); every session and API token ends. */
export async function resetPassword(base: SignInBase, token: string, newPassword: string): Promise<void> {
  const passwordHash = await hashPassword(newPassword);
  const at = reset.resetClock.now().toISOString();
  await base.db.transaction().execute(async (trx) => {
    const claimed = await repo.claimPasswordReset(trx, reset.tokenHash(token), at);
    if (!claimed)
      throw new AppError('reset_link_invalid', 'This link has expired or has been used; ask for a new one.');
    const account = await repo.getAccount(trx, claimed.tenant_id, claimed.account_id);
    if (account?.status !== 'active')
      throw new AppError('reset_link_invalid', 'This link has expired or has been used; ask for a new one.');
    await repo.updateAccount(trx, account.tenant_id, account.id, {
      password_hash: passwordHash,
      must_change_password: 0,
      updated_at: at,
    });
    const tx = callerCtx({ ...base, db: trx }, await authenticatedAs(trx, account));
    const ended = await endSignIns(tx, account.id);
    await recordAudit(trx, tx, 'account.reset_password', { type: 'user_account', id: account.id }, null, ended);
  });
}

/**
 * An administrator over the person forces a reset: mails a link (when the person has an address)
 * and/or makes the next sign-in change the password. Either way the account's sign-ins end.
 */
export async function forcePasswordReset(
  ctx: Ctx,
  accountId: string,
  input: { sendLink: boolean; mustChange: boolean },
): Promise<{ mailed: boolean }> {
  const account = await requireManagedAccount(ctx, accountId);
  let mailed = false;
  await inTransaction(ctx, async (tx) => {
    if (input.mustChange)
      await repo.updateAccount(tx.db, tx.tenantId, accountId, { must_change_password: 1, updated_at: nowIso() });
    if (input.sendLink) mailed = await mailResetLink(tx.db, account, reset.newResetToken(), reset.resetClock.now());
    const ended = await endSignIns(tx, accountId);
    await recordAudit(tx.db, tx, 'account.force_reset', { type: 'user_account', id: accountId }, null, {
      ...input,
      mailed,
      ...ended,
    });
  });
  return { mailed };
}
