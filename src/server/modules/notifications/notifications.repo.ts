import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { readInBatches, rowsPerStatement, writeInBatches } from '../../shared/batches.ts';

export interface Recipient {
  account_id: string;
  locale: string | null;
  email: string | null;
}

/** Every ancestor path of a materialised path, itself included: '/1/2/' -> ['/1/', '/1/2/']. */
function pathsAbove(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

export function personPath(db: Kysely<DB>, tenantId: string, personId: string) {
  return db
    .selectFrom('person')
    .select(['org_path', 'given_name', 'family_name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

/** The active sign-ins of a person (usually one). */
export function accountsOfPerson(db: Kysely<DB>, tenantId: string, personId: string): Promise<Recipient[]> {
  return db
    .selectFrom('user_account as a')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.person_id'))
    .select(['a.id as account_id', 'a.locale', 'p.email'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.person_id', '=', personId)
    .where('a.status', '=', 'active')
    .execute();
}

/**
 * The active sign-ins of several people, with whose they are. Read in slices: a national survey
 * round names every teacher, more ids than SQLite takes in one statement.
 */
export function accountsOfPeople(db: Kysely<DB>, tenantId: string, personIds: readonly string[]) {
  return readInBatches(personIds, (batch) =>
    db
      .selectFrom('user_account as a')
      .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.person_id'))
      .select(['a.id as account_id', 'a.locale', 'p.email', 'p.id as person_id'])
      .where('a.tenant_id', '=', tenantId)
      .where('a.person_id', 'in', batch)
      .where('a.status', '=', 'active')
      .execute(),
  );
}

/** Active accounts holding one of `roles` at a unit at or above `orgPath`. */
export function accountsWithRoleOver(
  db: Kysely<DB>,
  tenantId: string,
  roles: string[],
  orgPath: string,
): Promise<Recipient[]> {
  return db
    .selectFrom('role_assignment as r')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.org_unit_id'))
    .innerJoin('user_account as a', (j) =>
      j.onRef('a.tenant_id', '=', 'r.tenant_id').onRef('a.id', '=', 'r.account_id'),
    )
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.person_id'))
    .select(['a.id as account_id', 'a.locale', 'p.email'])
    .distinct()
    .where('r.tenant_id', '=', tenantId)
    .where('r.role', 'in', roles)
    .where('u.path', 'in', pathsAbove(orgPath))
    .where('a.status', '=', 'active')
    .execute();
}

export function preferencesOf(db: Kysely<DB>, tenantId: string, accountIds: string[]) {
  return readInBatches(accountIds, (batch) =>
    db
      .selectFrom('notification_preference')
      .select(['account_id', 'kind', 'inbox', 'email'])
      .where('tenant_id', '=', tenantId)
      .where('account_id', 'in', batch)
      .execute(),
  );
}

export async function replacePreferences(
  db: Kysely<DB>,
  tenantId: string,
  accountId: string,
  rows: { kind: string; inbox: number; email: string }[],
  at: string,
) {
  await db
    .deleteFrom('notification_preference')
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .execute();
  if (rows.length === 0) return;
  await db
    .insertInto('notification_preference')
    .values(rows.map((r) => ({ ...r, tenant_id: tenantId, account_id: accountId, updated_at: at })))
    .execute();
}

export type NotificationRow = {
  tenant_id: string;
  id: string;
  account_id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  in_inbox: number;
  digest: string;
  created_at: string;
  read_at: string | null;
};

/** Many recipients' notifications (a large community's members) in a few multi-row statements. */
export async function insertNotifications(db: Kysely<DB>, rows: NotificationRow[]) {
  await writeInBatches(rows, rowsPerStatement(11), (batch) => db.insertInto('notification').values(batch).execute());
}

const COLUMNS = ['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'] as const;

export function inbox(
  db: Kysely<DB>,
  tenantId: string,
  accountId: string,
  page: { order: 'unread_first' | 'newest'; limit: number; offset: number },
) {
  let query = db
    .selectFrom('notification')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('in_inbox', '=', 1);
  // Unread first: rows without read_at sort before the others on both dialects with this CASE.
  if (page.order === 'unread_first')
    query = query.orderBy((eb) => eb.case().when('read_at', 'is', null).then(0).else(1).end());
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
}

export async function unreadCount(db: Kysely<DB>, tenantId: string, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('in_inbox', '=', 1)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(db: Kysely<DB>, tenantId: string, accountId: string, id: string | null, at: string) {
  let query = db
    .updateTable('notification')
    .set({ read_at: at })
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null);
  if (id) query = query.where('id', '=', id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function getOwn(db: Kysely<DB>, tenantId: string, accountId: string, id: string) {
  return db
    .selectFrom('notification')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Notifications waiting for the daily digest, with where to send them. */
export function pendingDigest(db: Kysely<DB>) {
  return db
    .selectFrom('notification as n')
    .innerJoin('user_account as a', (j) =>
      j.onRef('a.tenant_id', '=', 'n.tenant_id').onRef('a.id', '=', 'n.account_id'),
    )
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.person_id'))
    .innerJoin('tenant as t', 't.id', 'n.tenant_id')
    .select(['n.tenant_id', 'n.id', 'n.account_id', 'n.title', 'n.link', 'a.locale', 'p.email', 't.default_locale'])
    .where('n.digest', '=', 'pending')
    .orderBy('n.tenant_id')
    .orderBy('n.account_id')
    .orderBy('n.created_at')
    .execute();
}

export async function markDigested(db: Kysely<DB>, tenantId: string, ids: string[]) {
  if (ids.length === 0) return;
  await db
    .updateTable('notification')
    .set({ digest: 'sent' })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .where('digest', '=', 'pending')
    .execute();
}

export function credentialName(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('credential')
    .select(['achievement_name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function ruleName(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('recognition_rule')
    .select(['name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** An offering's title (its module's or programme's, multilingual JSON) and first day. */
export function offeringTitle(db: Kysely<DB>, tenantId: string, offeringId: string) {
  return db
    .selectFrom('training_offering as o')
    .leftJoin('training_module as m', (j) =>
      j.onRef('m.tenant_id', '=', 'o.tenant_id').onRef('m.id', '=', 'o.module_id'),
    )
    .leftJoin('training_programme as p', (j) =>
      j.onRef('p.tenant_id', '=', 'o.tenant_id').onRef('p.id', '=', 'o.programme_id'),
    )
    .select(['m.title as module_title', 'p.title as programme_title', 'o.start_date'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.id', '=', offeringId)
    .executeTakeFirst();
}
