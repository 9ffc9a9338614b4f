import type { Ctx } from '../../shared/context.ts';
import { nowIso } from '../../shared/ids.ts';
import type { LocalizedText } from '../../shared/text.ts';
import * as org from '../org/org.service.ts';
import type { TextUnit, TranslatableKind } from './translations.kinds.ts';
import * as repo from './translations.repo.ts';

export const STATUSES = ['missing', 'draft', 'review', 'approved', 'stale'] as const;
export type TranslationStatus = (typeof STATUSES)[number];

export const stateKey = (unitKey: string, locale: string) => `${unitKey}\u0000${locale}`;

/**
 * Where one text stands in one language. A translation is stale when the source it was made from is
 * not today's source; a text with no recorded history was written together with its source.
 */
export function statusOf(
  text: LocalizedText,
  locale: string,
  sourceLocale: string,
  state: repo.StateRow | undefined,
): TranslationStatus {
  if (!text[locale]) return 'missing';
  if (locale === sourceLocale) return 'approved';
  if (state && state.source_text !== (text[sourceLocale] ?? '')) return 'stale';
  return (state?.status as TranslationStatus | undefined) ?? 'approved';
}

/**
 * Runs an edit of an object's texts (in the caller's transaction) and keeps its translation history:
 * a translation written in the edit is current with the new source; one left alone while its source
 * changed keeps the old source it was made from, and so reads as stale.
 */
export async function trackEdits<T>(tx: Ctx, kind: TranslatableKind, id: string, work: () => Promise<T>): Promise<T> {
  const scope = { db: tx.db, tenantId: tx.tenantId, locales: (await org.getTenant(tx)).locales };
  const before = await kind.units(scope, id);
  const result = await work();
  const after = await kind.units(scope, id);
  if (before && after)
    await noteEdits(tx, kind.type, id, after.object.sourceLocale ?? tx.defaultLocale, before.units, after.units);
  return result;
}

async function noteEdits(tx: Ctx, type: string, id: string, source: string, before: TextUnit[], after: TextUnit[]) {
  const old = new Map(before.map((u) => [u.key, u.text]));
  const states = new Map(
    (await repo.statesOf(tx.db, tx.tenantId, type, [id])).map((s) => [stateKey(s.unit_key, s.locale), s]),
  );
  const put: repo.StateRow[] = [];
  const gone: { unitKey: string; locale: string }[] = [];
  const row = (unitKey: string, locale: string, sourceText: string): repo.StateRow => ({
    tenant_id: tx.tenantId,
    object_type: type,
    object_id: id,
    unit_key: unitKey,
    locale,
    status: 'approved',
    source_text: sourceText,
    updated_by_account_id: tx.actor.accountId,
    updated_at: nowIso(),
  });
  for (const unit of after) {
    const previous = old.get(unit.key) ?? {};
    const sourceNow = unit.text[source] ?? '';
    const sourceThen = previous[source] ?? '';
    for (const locale of new Set([...Object.keys(unit.text), ...Object.keys(previous)])) {
      if (locale === source) continue;
      const state = states.get(stateKey(unit.key, locale));
      if (!unit.text[locale]) {
        if (state) gone.push({ unitKey: unit.key, locale });
      } else if (unit.text[locale] !== previous[locale]) {
        put.push(row(unit.key, locale, sourceNow));
      } else if (!state && sourceThen !== sourceNow) {
        put.push(row(unit.key, locale, sourceThen));
      }
    }
  }
  await repo.putStates(tx.db, put);
  await repo.deleteStates(tx.db, tx.tenantId, type, id, gone);
}

/** A new version of an object starts with its predecessor's translation history. */
export function copyHistory(tx: Ctx, type: string, fromId: string, toId: string) {
  return repo.copyStates(tx.db, tx.tenantId, type, fromId, toId);
}

/** Per text, the languages whose translation is stale; nothing is read beyond the history when there is none. */
export async function staleLanguages(tx: Ctx, kind: TranslatableKind, id: string): Promise<Map<string, string[]>> {
  const states = await repo.statesOf(tx.db, tx.tenantId, kind.type, [id]);
  const stale = new Map<string, string[]>();
  if (!states.length) return stale;
  const found = await kind.units({ db: tx.db, tenantId: tx.tenantId, locales: (await org.getTenant(tx)).locales }, id);
  const byKey = new Map(states.map((s) => [stateKey(s.unit_key, s.locale), s]));
  for (const unit of found?.units ?? []) {
    const locales = found!.object.languages.filter(
      (l) =>
        statusOf(unit.text, l, found!.object.sourceLocale ?? tx.defaultLocale, byKey.get(stateKey(unit.key, l))) ===
        'stale',
    );
    if (locales.length) stale.set(unit.key, locales);
  }
  return stale;
}
