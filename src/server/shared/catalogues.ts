import { IntlMessageFormat } from 'intl-messageformat';
import { z } from 'zod';
import { defineFormat, type FormatSection } from '../../web/i18n/format.ts';
import { type CatalogueTree, readCatalogues } from '../../web/i18n/languages.plugin.ts';
import type { LocalizedText } from './text.ts';

/**
 * The languages Pathway speaks are the message catalogues in src/web/i18n: one JSON file per language,
 * read by the web app and here by the server (mails, PDFs, exports, names of built-in objects). Adding
 * a language is adding its file; nothing here names a language but English, everyone's fallback.
 */
type Tree = CatalogueTree;

const catalogues = new Map<string, Tree>(readCatalogues());

for (const [code, tree] of catalogues) defineFormat(code, tree.format as unknown as FormatSection);

/** Every catalogue's language, English first. */
export const LOCALES: readonly string[] = [...catalogues.keys()];
export type Locale = string;
export const LocaleSchema = z
  .string()
  .refine((code) => catalogues.has(code), { message: `Choose one of the languages: ${LOCALES.join(', ')}.` });

export const isLocale = (code: string) => catalogues.has(code);

/** The BCP 47 tag Intl uses for a language (Uzbek in Latin script, Nepali with Devanagari digits). */
export function intlTag(locale: string): string {
  const language = catalogues.get(locale)?.language;
  return typeof language === 'object' && typeof language.intl === 'string' ? language.intl : 'en';
}

function lookup(tree: Tree | undefined, key: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return node;
}

/** A message of the reader's catalogue, else English's, else the key itself: never a blank. */
export function word(locale: string, key: string): string {
  const found = lookup(catalogues.get(locale), key);
  if (typeof found === 'string') return found;
  const english = lookup(catalogues.get('en'), key);
  return typeof english === 'string' ? english : key;
}

/** A group of messages (all the labels of a certificate), each in the reader's language or English. */
export function words<K extends string>(locale: string, key: string): Record<K, string> {
  const english = lookup(catalogues.get('en'), key);
  if (typeof english !== 'object') throw new Error(`No messages under ${key} in the English catalogue.`);
  return Object.fromEntries(Object.keys(english).map((k) => [k, word(locale, `${key}.${k}`)])) as Record<K, string>;
}

/** The keys of every message under `prefix` in the English catalogue (each catalogue has the same keys). */
export function messageKeys(prefix: string): string[] {
  const flat = (tree: Tree, at: string): string[] =>
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === 'string' ? [`${at}${key}`] : flat(value, `${at}${key}.`),
    );
  const found = lookup(catalogues.get('en'), prefix);
  return typeof found === 'object' ? flat(found, '') : [];
}

/**
 * A text with its arguments filled in, as ICU MessageFormat (plurals, numbers in the language's digits);
 * a text that is not valid ICU (a tenant's own wording with a stray brace) gets its `{name}`s filled.
 */
export function formatText(text: string, locale: string, values: Record<string, string | number> = {}): string {
  try {
    return String(new IntlMessageFormat(text, intlTag(locale)).format(values));
  } catch {
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  }
}

/** A message with its arguments filled in, ICU MessageFormat as in the web app (plurals, numbers). */
export function message(locale: string, key: string, values: Record<string, string | number> = {}): string {
  const code = catalogues.has(locale) && typeof lookup(catalogues.get(locale), key) === 'string' ? locale : 'en';
  return formatText(word(code, key), code, values);
}

/** One message in every language that has it: the name of a built-in object, kept as data. */
export function everyLanguage(key: string): LocalizedText {
  const text: LocalizedText = {};
  for (const code of LOCALES) {
    const found = lookup(catalogues.get(code), key);
    if (typeof found === 'string') text[code] = found;
  }
  return text;
}

export { formatDate, formatDay, formatNumber, formatPercent, localDigits } from '../../web/i18n/format.ts';
