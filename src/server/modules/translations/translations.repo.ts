import type { Kysely, Selectable } from 'kysely';
import type { DB, TranslationStateTable } from '../../db/schema.ts';

export type StateRow = Selectable<TranslationStateTable>;

export function statesOf(db: Kysely<DB>, tenantId: string, objectType: string, objectIds: string[]) {
  if (!objectIds.length) return Promise.resolve([] as StateRow[]);
  return db
    .selectFrom('translation_state')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('object_type', '=', objectType)
    .where('object_id', 'in', objectIds)
    .execute();
}

/** Inserts or replaces the rows, in key order so that concurrent writers lock alike. */
export async function putStates(db: Kysely<DB>, rows: StateRow[]) {
  const key = (r: StateRow) => `${r.object_type}\u0000${r.object_id}\u0000${r.unit_key}\u0000${r.locale}`;
  for (const row of [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1))) {
    await db
      .insertInto('translation_state')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'object_type', 'object_id', 'unit_key', 'locale']).doUpdateSet({
          status: row.status,
          source_text: row.source_text,
          updated_by_account_id: row.updated_by_account_id,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }
}

export async function deleteStates(
  db: Kysely<DB>,
  tenantId: string,
  objectType: string,
  objectId: string,
  keys: { unitKey: string; locale: string }[],
) {
  for (const k of keys) {
    await db
      .deleteFrom('translation_state')
      .where('tenant_id', '=', tenantId)
      .where('object_type', '=', objectType)
      .where('object_id', '=', objectId)
      .where('unit_key', '=', k.unitKey)
      .where('locale', '=', k.locale)
      .execute();
  }
}

/** A new version starts with its predecessor's translation history. */
export async function copyStates(db: Kysely<DB>, tenantId: string, objectType: string, fromId: string, toId: string) {
  const rows = await statesOf(db, tenantId, objectType, [fromId]);
  await putStates(
    db,
    rows.map((r) => ({ ...r, object_id: toId })),
  );
}

export function translatorLanguages(db: Kysely<DB>, tenantId: string, accountId: string) {
  return db
    .selectFrom('translator_language')
    .select('locale')
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .execute()
    .then((rows) => rows.map((r) => r.locale).sort());
}

export function allTranslatorLanguages(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('translator_language')
    .select(['account_id', 'locale'])
    .where('tenant_id', '=', tenantId)
    .orderBy('account_id')
    .orderBy('locale')
    .execute();
}

/** Accounts holding one of the roles, or given languages before: who may be given languages, by name. */
export function translatorAccounts(db: Kysely<DB>, tenantId: string, roles: string[]) {
  return db
    .selectFrom('user_account')
    .innerJoin('person', (j) =>
      j.onRef('person.tenant_id', '=', 'user_account.tenant_id').onRef('person.id', '=', 'user_account.person_id'),
    )
    .select(['user_account.id', 'user_account.username', 'person.given_name', 'person.family_name'])
    .where('user_account.tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('role_assignment')
            .select('role_assignment.id')
            .whereRef('role_assignment.tenant_id', '=', 'user_account.tenant_id')
            .whereRef('role_assignment.account_id', '=', 'user_account.id')
            .where('role_assignment.role', 'in', roles.length ? roles : ['']),
        ),
        eb.exists(
          eb
            .selectFrom('translator_language')
            .select('translator_language.locale')
            .whereRef('translator_language.tenant_id', '=', 'user_account.tenant_id')
            .whereRef('translator_language.account_id', '=', 'user_account.id'),
        ),
      ]),
    )
    .orderBy('person.family_name')
    .orderBy('person.given_name')
    .orderBy('user_account.username')
    .execute();
}

export async function setTranslatorLanguages(db: Kysely<DB>, tenantId: string, accountId: string, locales: string[]) {
  await db
    .deleteFrom('translator_language')
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .execute();
  if (locales.length)
    await db
      .insertInto('translator_language')
      .values(locales.map((locale) => ({ tenant_id: tenantId, account_id: accountId, locale })))
      .execute();
}
