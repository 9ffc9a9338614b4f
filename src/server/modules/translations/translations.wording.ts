import { type Kysely, PostgresAdapter } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { everyLanguage, formatText, messageKeys } from '../../shared/catalogues.ts';
import { nowIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import type { TextScope, TranslatableKind } from './translations.kinds.ts';

/**
 * Texts Pathway writes for a tenant (its notification messages and digest, its certificates' labels):
 * the catalogues' wording in every language, under what the tenant reworded or translated itself. A
 * ministry translates them like any other object, with a status per language, and a translation goes
 * stale when the source it was made from is reworded.
 */
export const WORDINGS = {
  notifications: 'messages.notifications',
  certificate: 'messages.certificate',
} as const;
export type Wording = keyof typeof WORDINGS;

export const isWording = (id: string): id is Wording => Object.hasOwn(WORDINGS, id);

type Overrides = Record<string, LocalizedText>;

async function overridesOf(db: Kysely<DB>, tenantId: string, wording: Wording): Promise<Overrides> {
  const row = await db
    .selectFrom('tenant_wording')
    .select('texts')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', wording)
    .executeTakeFirst();
  return row ? (JSON.parse(row.texts) as Overrides) : {};
}

/** Every text of a wording, by key, in every language the catalogues or the tenant have it in. */
export async function wordingOf(
  db: Kysely<DB>,
  tenantId: string,
  wording: Wording,
): Promise<Map<string, LocalizedText>> {
  const overrides = await overridesOf(db, tenantId, wording);
  return new Map(
    messageKeys(WORDINGS[wording]).map((key) => [
      key,
      { ...everyLanguage(`${WORDINGS[wording]}.${key}`), ...overrides[key] },
    ]),
  );
}

/** One text of a wording in the reader's language (else the tenant's, else English), arguments filled in. */
export function worded(
  texts: Map<string, LocalizedText>,
  key: string,
  locale: string,
  fallback: string,
  values: Record<string, string | number> = {},
): string {
  const text = texts.get(key);
  if (!text) throw new Error(`No text ${key} in this wording.`);
  const resolved = resolveText(text, locale, fallback);
  return formatText(resolved.text, resolved.locale, values);
}

/**
 * Writes texts of a wording in one language each, over the catalogues' (in the caller's transaction);
 * a null text goes back to the catalogue's.
 */
export async function putWording(
  db: Kysely<DB>,
  tenantId: string,
  wording: Wording,
  changes: { key: string; locale: string; text: string | null }[],
) {
  // Two saves of one wording at once must not lose either: PostgreSQL holds the row (made first if
  // need be) until the transaction ends; SQLite has one writer.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db
      .insertInto('tenant_wording')
      .values({ tenant_id: tenantId, id: wording, texts: '{}', updated_at: nowIso() })
      .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
      .execute();
    await db
      .selectFrom('tenant_wording')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', wording)
      .forUpdate()
      .execute();
  }
  const overrides = await overridesOf(db, tenantId, wording);
  for (const { key, locale, text } of changes) {
    const { [locale]: _, ...others } = overrides[key] ?? {};
    overrides[key] = text === null ? others : { ...others, [locale]: text };
    if (Object.keys(overrides[key]).length === 0) delete overrides[key];
  }
  await db
    .insertInto('tenant_wording')
    .values({ tenant_id: tenantId, id: wording, texts: JSON.stringify(overrides), updated_at: nowIso() })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        texts: eb.ref('excluded.texts'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

async function unitsOf({ db, tenantId, locales }: TextScope, id: string) {
  if (!isWording(id)) return null;
  const texts = await wordingOf(db, tenantId, id);
  return {
    object: { id, name: everyLanguage(`messages.names.${id}`), languages: locales },
    units: [...texts].map(([key, text]) => ({
      key,
      code: key,
      field: 'text',
      text,
      ref: { table: 'tenant_wording' as const, match: { id }, column: 'texts', path: [key] },
    })),
  };
}

/** The tenant's wordings as translatable objects: always there, since the catalogues give them. */
export const wordingTexts: TranslatableKind = {
  type: 'wording',
  async list(scope) {
    return Object.keys(WORDINGS).map((id) => ({
      id,
      name: everyLanguage(`messages.names.${id}`),
      languages: scope.locales,
    }));
  },
  units: unitsOf,
  async write({ db, tenantId }, unit, locale, value) {
    await putWording(db, tenantId, unit.ref.match.id as Wording, [{ key: unit.key, locale, text: value }]);
  },
};
