import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { hasPermissionAt, ROLE_PERMISSIONS, ROLES } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { nowIso } from '../../shared/ids.ts';
import type { LocalizedText } from '../../shared/text.ts';
import * as org from '../org/org.service.ts';
import { requirePlaceholders } from './translations.document.ts';
import type { TextRef, TextScope, TextUnit, TranslatableKind, TranslatableObject } from './translations.kinds.ts';
import { KINDS } from './translations.registry.ts';
import * as repo from './translations.repo.ts';
import { STATUSES, stateKey, statusOf, type TranslationStatus } from './translations.tracking.ts';

export interface TranslationAccess {
  sourceLocale: string;
  /** The languages the actor may translate into. */
  locales: string[];
  /** Reviewers approve; their own translations are approved as they save them. */
  review: boolean;
}

/** Translators work in the languages given to them; reviewers (the ministry) in every language of the tenant. */
export async function access(ctx: Ctx): Promise<TranslationAccess> {
  const [top, tenant] = await Promise.all([org.topUnitPath(ctx), org.getTenant(ctx)]);
  const sourceLocale = tenant.defaultLocale;
  const targets = tenant.locales.filter((l) => l !== sourceLocale);
  if (hasPermissionAt(ctx, 'translations.review', top)) return { sourceLocale, locales: targets, review: true };
  if (hasPermissionAt(ctx, 'translations.translate', top) && ctx.actor.accountId) {
    const mine = await repo.translatorLanguages(ctx.db, ctx.tenantId, ctx.actor.accountId);
    return { sourceLocale, locales: targets.filter((l) => mine.includes(l)), review: false };
  }
  throw new AppError('forbidden', 'Translating needs the translator role or translations.review.', {
    permission: 'translations.translate',
  });
}

/**
 * Whether the actor translates into the locale. Reviewers also translate into the tenant's own language
 * the objects written in another one (a resource a Nepali teacher wrote, a questionnaire in Russian).
 */
export function mayTranslateInto(granted: TranslationAccess, locale: string) {
  return granted.locales.includes(locale) || (granted.review && locale === granted.sourceLocale);
}

async function scopeOf(ctx: Ctx): Promise<TextScope> {
  return { db: ctx.db, tenantId: ctx.tenantId, locales: (await org.getTenant(ctx)).locales };
}

function kindOf(type: string): TranslatableKind {
  const kind = KINDS.find((k) => k.type === type);
  if (!kind) throw notFound('translatable', type);
  return kind;
}

/** The objects of any kind with this id (`pathway translations export --object ID`). */
export async function findObjects(ctx: Ctx, id: string): Promise<{ type: string; id: string }[]> {
  const scope = await scopeOf(ctx);
  const found: { type: string; id: string }[] = [];
  for (const kind of KINDS) if (await kind.units(scope, id)) found.push({ type: kind.type, id });
  return found;
}

async function requireObject(ctx: Ctx, type: string, id: string) {
  const found = await kindOf(type).units(await scopeOf(ctx), id);
  if (!found) throw notFound('translatable', `${type}:${id}`);
  return found;
}

const sourceOf = (object: TranslatableObject, granted: { sourceLocale: string }) =>
  object.sourceLocale ?? granted.sourceLocale;

/** The locale must be one the object is kept in, not its source, and one of the actor's. */
function requireTarget(granted: TranslationAccess, object: TranslatableObject, locale: string) {
  const source = sourceOf(object, granted);
  if (locale === source || !object.languages.includes(locale))
    throw new AppError('language_not_translatable', `${locale} is not a language this text is translated into.`, {
      field: 'locale',
      locale,
      languages: object.languages.filter((l) => l !== source),
    });
  if (!mayTranslateInto(granted, locale))
    throw new AppError('forbidden', `You do not translate into ${locale}.`, { permission: 'translations.translate' });
}

export type Counts = Record<TranslationStatus, number> & { total: number; coverage: number };

function count(units: TextUnit[], states: Map<string, repo.StateRow>, locale: string, source: string): Counts {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<TranslationStatus, number>;
  for (const unit of units) counts[statusOf(unit.text, locale, source, states.get(stateKey(unit.key, locale)))]++;
  const total = units.length;
  const current = total - counts.missing - counts.stale;
  return { ...counts, total, coverage: total ? Math.floor((current * 100) / total) : 100 };
}

const statesByKey = (rows: repo.StateRow[]) => new Map(rows.map((r) => [stateKey(r.unit_key, r.locale), r]));

export interface ObjectCoverage {
  type: string;
  id: string;
  name: LocalizedText;
  sourceLocale: string;
  languages: { locale: string; counts: Counts }[];
}

/**
 * Every translatable object with, per language, how many texts are missing, stale, draft, in review,
 * approved; and the objects kept as they are (published questionnaires), which are translated elsewhere.
 */
export async function overview(ctx: Ctx) {
  const granted = await access(ctx);
  const scope = await scopeOf(ctx);
  const kept: { type: string; id: string; name: LocalizedText }[] = [];
  for (const kind of KINDS) for (const o of (await kind.kept?.(scope)) ?? []) kept.push({ type: kind.type, ...o });
  return { access: granted, objects: await coverage(ctx, granted.sourceLocale), kept };
}

/** Coverage without an actor check: the operator's `pathway translations status` and the overview. */
export async function coverage(ctx: Ctx, sourceLocale: string): Promise<ObjectCoverage[]> {
  const tenant = { sourceLocale };
  const scope = await scopeOf(ctx);
  const out: ObjectCoverage[] = [];
  for (const kind of KINDS) {
    for (const object of await kind.list(scope)) {
      const found = await kind.units(scope, object.id);
      if (!found) continue;
      const states = statesByKey(await repo.statesOf(ctx.db, ctx.tenantId, kind.type, [object.id]));
      out.push({
        type: kind.type,
        id: object.id,
        name: object.name,
        sourceLocale: sourceOf(object, tenant),
        languages: object.languages.map((locale) => ({
          locale,
          counts: count(found.units, states, locale, sourceOf(object, tenant)),
        })),
      });
    }
  }
  return out;
}

export interface UnitView {
  key: string;
  code: string;
  field: string;
  source: string;
  target: string | null;
  status: TranslationStatus;
  /** For a stale translation: the source it was made from, to compare with today's. */
  previousSource: string | null;
  updatedAt: string | null;
}

function unitViews(units: TextUnit[], states: Map<string, repo.StateRow>, locale: string, source: string) {
  return units.map((unit): UnitView => {
    const state = states.get(stateKey(unit.key, locale));
    const status = statusOf(unit.text, locale, source, state);
    return {
      key: unit.key,
      code: unit.code,
      field: unit.field,
      source: unit.text[source] ?? '',
      target: unit.text[locale] ?? null,
      status,
      previousSource: status === 'stale' ? (state?.source_text ?? null) : null,
      updatedAt: state?.updated_at ?? null,
    };
  });
}

/** One object's texts in the source and one target language, side by side, with the glossary. */
export async function objectTexts(ctx: Ctx, type: string, id: string, locale: string) {
  const granted = await access(ctx);
  const { object, units } = await requireObject(ctx, type, id);
  requireTarget(granted, object, locale);
  const states = statesByKey(await repo.statesOf(ctx.db, ctx.tenantId, type, [id]));
  const source = sourceOf(object, granted);
  return {
    type,
    id,
    name: object.name,
    sourceLocale: source,
    locale,
    review: granted.review,
    units: unitViews(units, states, locale, source),
    glossary: await glossaryIn(ctx, source, locale),
  };
}

async function glossaryIn(ctx: Ctx, source: string, locale: string) {
  const found = await requireObject(ctx, 'glossary', 'terms').catch(() => null);
  return (found?.units ?? [])
    .filter((u) => !u.key.endsWith('/note'))
    .map((u) => ({ source: u.text[source] ?? '', target: u.text[locale] ?? null }));
}

/** Writes the target-language entry of the text a unit points at, leaving every other language as it is. */
async function writeTarget(db: Kysely<DB>, tenantId: string, ref: TextRef, locale: string, value: string) {
  // biome-ignore lint/suspicious/noExplicitAny: the table and column are named by the owning module's declaration.
  const any = db as Kysely<any>;
  let read = any.selectFrom(ref.table).select(ref.column).where('tenant_id', '=', tenantId);
  for (const [column, v] of Object.entries(ref.match)) read = read.where(column, '=', v);
  const row = await read.executeTakeFirst();
  if (!row) return;
  const whole = JSON.parse(row[ref.column]);
  const path = ref.path ?? [];
  // biome-ignore lint/suspicious/noExplicitAny: a path into the module's own JSON document.
  const parent = path.slice(0, -1).reduce((node: any, step) => node?.[step], whole);
  if (path.length && (!parent || typeof parent[path.at(-1)!] !== 'object')) return;
  if (path.length) parent[path.at(-1)!] = { ...parent[path.at(-1)!], [locale]: value };
  const updated = path.length ? whole : { ...(whole as LocalizedText), [locale]: value };
  let write = any
    .updateTable(ref.table)
    .set({ [ref.column]: JSON.stringify(updated) })
    .where('tenant_id', '=', tenantId);
  for (const [column, v] of Object.entries(ref.match)) write = write.where(column, '=', v);
  await write.execute();
}

export interface TranslationChange {
  key: string;
  text: string;
  /** What the translator asks for: keep as a draft, or send for review. A reviewer's save is approved. */
  status: 'draft' | 'review' | 'approved';
}

function statusFor(granted: TranslationAccess, asked: TranslationChange['status']) {
  if (asked === 'approved' && !granted.review) return 'review';
  return asked;
}

/**
 * Saves translations of one object into one language, all or nothing. Each saved text is current with
 * today's source; a text saved unchanged only changes its status.
 */
export async function saveTranslations(
  ctx: Ctx,
  type: string,
  id: string,
  locale: string,
  changes: TranslationChange[],
) {
  const granted = await access(ctx);
  await inTransaction(ctx, async (tx) => {
    const { object, units } = await requireObject(tx, type, id);
    requireTarget(granted, object, locale);
    await applyChanges(tx, granted, type, id, locale, sourceOf(object, granted), units, changes);
  });
  return objectTexts(ctx, type, id, locale);
}

async function applyChanges(
  tx: Ctx,
  granted: TranslationAccess,
  type: string,
  id: string,
  locale: string,
  sourceLocale: string,
  units: TextUnit[],
  changes: TranslationChange[],
) {
  const byKey = new Map(units.map((u) => [u.key, u]));
  const unknown = changes.filter((c) => !byKey.has(c.key)).map((c) => c.key);
  if (unknown.length)
    throw new AppError('unknown_translation_unit', `No text ${unknown[0]} in ${type}:${id}.`, {
      field: 'units',
      unknown,
    });
  for (const change of changes)
    requirePlaceholders(change.key, byKey.get(change.key)!.text[sourceLocale] ?? '', change.text);
  const states = statesByKey(await repo.statesOf(tx.db, tx.tenantId, type, [id]));
  const put: repo.StateRow[] = [];
  for (const change of changes) {
    const unit = byKey.get(change.key)!;
    const status = statusFor(granted, change.status);
    const state = states.get(stateKey(unit.key, locale));
    const source = unit.text[sourceLocale] ?? '';
    const changed = unit.text[locale] !== change.text;
    if (!changed && state?.status === status && state.source_text === source) continue;
    if (!changed && !state && status === 'approved') continue;
    if (changed) {
      const kind = kindOf(type);
      if (kind.write) await kind.write(await scopeOf(tx), unit, locale, change.text);
      else await writeTarget(tx.db, tx.tenantId, unit.ref, locale, change.text);
    }
    put.push({
      tenant_id: tx.tenantId,
      object_type: type,
      object_id: id,
      unit_key: unit.key,
      locale,
      status,
      source_text: source,
      updated_by_account_id: tx.actor.accountId,
      updated_at: nowIso(),
    });
  }
  await repo.putStates(tx.db, put);
  if (put.length) await kindOf(type).touch?.(await scopeOf(tx), id);
  if (put.length)
    await recordAudit(tx.db, tx, 'translation.save', { type, id }, null, {
      locale,
      units: put.map((p) => ({ key: p.unit_key, status: p.status })),
    });
}

/** A reviewer approves translations as they stand; approving a stale one says it still holds for today's source. */
export async function approve(ctx: Ctx, type: string, id: string, locale: string, keys: string[]) {
  const granted = await access(ctx);
  if (!granted.review)
    throw new AppError('forbidden', 'Approving translations needs translations.review.', {
      permission: 'translations.review',
    });
  await inTransaction(ctx, async (tx) => {
    const { object, units } = await requireObject(tx, type, id);
    requireTarget(granted, object, locale);
    const byKey = new Map(units.map((u) => [u.key, u]));
    const missing = keys.filter((k) => !byKey.get(k)?.text[locale]);
    if (missing.length)
      throw new AppError('translation_missing', `There is no ${locale} text of ${missing[0]} to approve.`, {
        field: 'keys',
        missing,
      });
    await applyChanges(
      tx,
      granted,
      type,
      id,
      locale,
      sourceOf(object, granted),
      units,
      keys.map((key) => ({ key, text: byKey.get(key)!.text[locale]!, status: 'approved' })),
    );
  });
  return objectTexts(ctx, type, id, locale);
}

export interface QueueEntry {
  type: string;
  id: string;
  name: LocalizedText;
  locale: string;
  key: string;
  code: string;
  field: string;
  status: TranslationStatus;
}

const QUEUE_LIMIT = 500;

/**
 * What is waiting for the actor: in each of their languages, texts missing, stale or in draft, and for
 * reviewers texts sent for review. Stale ones first: readers see an outdated text there.
 */
export async function queue(ctx: Ctx, filter: { locale?: string | undefined; status?: string | undefined }) {
  const granted = await access(ctx);
  const waiting: TranslationStatus[] = granted.review
    ? ['stale', 'review', 'missing', 'draft']
    : ['stale', 'missing', 'draft'];
  const scope = await scopeOf(ctx);
  const entries: QueueEntry[] = [];
  for (const kind of KINDS) {
    for (const object of await kind.list(scope)) {
      const found = await kind.units(scope, object.id);
      if (!found) continue;
      const states = statesByKey(await repo.statesOf(ctx.db, ctx.tenantId, kind.type, [object.id]));
      for (const locale of object.languages) {
        if (!mayTranslateInto(granted, locale) || (filter.locale && filter.locale !== locale)) continue;
        if (locale === sourceOf(object, granted)) continue;
        for (const view of unitViews(found.units, states, locale, sourceOf(object, granted))) {
          if (!waiting.includes(view.status) || (filter.status && filter.status !== view.status)) continue;
          entries.push({
            type: kind.type,
            id: object.id,
            name: object.name,
            locale,
            key: view.key,
            code: view.code,
            field: view.field,
            status: view.status,
          });
        }
      }
    }
  }
  const order = (s: TranslationStatus) => waiting.indexOf(s);
  entries.sort((a, b) => order(a.status) - order(b.status));
  return { total: entries.length, entries: entries.slice(0, QUEUE_LIMIT) };
}

/**
 * Who translates in chosen languages: the accounts whose roles translate but do not review (the
 * translator role), and any account given languages before, each with its languages.
 */
export async function translators(ctx: Ctx) {
  const granted = await access(ctx);
  if (!granted.review)
    throw new AppError('forbidden', 'Managing translators needs translations.review.', {
      permission: 'translations.review',
    });
  const roles = ROLES.filter(
    (r) =>
      ROLE_PERMISSIONS[r].includes('translations.translate') && !ROLE_PERMISSIONS[r].includes('translations.review'),
  );
  const [accounts, rows] = await Promise.all([
    repo.translatorAccounts(ctx.db, ctx.tenantId, roles),
    repo.allTranslatorLanguages(ctx.db, ctx.tenantId),
  ]);
  const byAccount = new Map<string, string[]>();
  for (const r of rows) byAccount.set(r.account_id, [...(byAccount.get(r.account_id) ?? []), r.locale]);
  return accounts.map((a) => ({
    accountId: a.id,
    username: a.username,
    name: [a.given_name, a.family_name].filter(Boolean).join(' ') || a.username,
    locales: byAccount.get(a.id) ?? [],
  }));
}

/** Gives a translator their languages (replacing the ones they had). */
export async function setTranslatorLanguages(ctx: Ctx, accountId: string, locales: string[]) {
  const granted = await access(ctx);
  if (!granted.review)
    throw new AppError('forbidden', 'Managing translators needs translations.review.', {
      permission: 'translations.review',
    });
  const unknown = locales.filter((l) => !granted.locales.includes(l));
  if (unknown.length)
    throw new AppError('language_not_translatable', `${unknown[0]} is not a language translated into here.`, {
      field: 'locales',
      locale: unknown[0],
      languages: granted.locales,
    });
  const account = await ctx.db
    .selectFrom('user_account')
    .select('id')
    .where('tenant_id', '=', ctx.tenantId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account) throw notFound('account', accountId);
  await inTransaction(ctx, async (tx) => {
    const before = await repo.translatorLanguages(tx.db, tx.tenantId, accountId);
    await repo.setTranslatorLanguages(tx.db, tx.tenantId, accountId, [...new Set(locales)].sort());
    await recordAudit(tx.db, tx, 'translator.languages', { type: 'account', id: accountId }, before, locales);
  });
  return { accountId, locales: [...new Set(locales)].sort() };
}
