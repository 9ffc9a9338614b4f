import languages from 'virtual:pathway-languages';
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import * as format from './format.ts';

/** Every catalogue in this directory is a language (src/web/i18n/languages.plugin.ts), English first. */
export const LANGUAGES = languages;
export type LanguageCode = string;

for (const language of languages) format.defineFormat(language.code, language.format);

/**
 * English is in the first bundle (it is every other language's fallback); the others load when first
 * chosen, so the sign-in page carries one catalogue, not all of them.
 */
const LOADERS = import.meta.glob<{ default: Record<string, unknown> }>(['./*.json', '!./en.json']);
const REMEMBERED = 'pathway.language';

/** The BCP 47 tag Intl should use: Uzbek in Latin script, Nepali with Devanagari digits. */
export function intlLocale(code: string): string {
  return LANGUAGES.find((l) => l.code === code)?.intl ?? 'en';
}

export function isLanguage(code: string | null | undefined): code is LanguageCode {
  return LANGUAGES.some((l) => l.code === code);
}

/** Before sign-in: the last language used on this device, else the browser's, else English. */
function initialLanguage(): LanguageCode {
  const remembered = localStorage.getItem(REMEMBERED);
  if (isLanguage(remembered)) return remembered;
  const browser = navigator.language.split('-')[0];
  return isLanguage(browser) ? browser : 'en';
}

export function rememberLanguage(code: LanguageCode) {
  localStorage.setItem(REMEMBERED, code);
  document.documentElement.lang = intlLocale(code).split('-u-')[0]!;
}

export const i18n = i18next.createInstance();
void i18n
  // Plural counts and numbers inside messages use the Intl tag (Devanagari digits for Nepali).
  .use(new ICU({ parseLngForICU: intlLocale }))
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });

/** Switches the app's language, loading its catalogue first when it is not loaded yet. */
export async function setLanguage(code: LanguageCode): Promise<void> {
  if (code !== 'en' && !i18n.hasResourceBundle(code, 'translation')) {
    const messages = (await LOADERS[`./${code}.json`]!()).default;
    i18n.addResourceBundle(code, 'translation', messages);
  }
  await i18n.changeLanguage(code);
  document.documentElement.lang = intlLocale(code).split('-u-')[0]!;
}

/** Settles once the device's language is loaded: the app renders after it. */
export const languageReady = setLanguage(initialLanguage());

/** The one place screens format numbers, percentages, dates and days: see format.ts. */
export function formatNumber(value: number, code = i18n.language): string {
  return format.formatNumber(value, code);
}

export function formatPercent(value: number, code = i18n.language): string {
  return format.formatPercent(value, code);
}

export function formatDate(iso: string | Date, code = i18n.language): string {
  return format.formatDate(iso, code);
}

/** A calendar day (YYYY-MM-DD) without a time, read as that day wherever the browser is. */
export function formatDay(day: string, code = i18n.language): string {
  return format.formatDay(day, code);
}

/** Arguments of a plural message: `count` chooses the form, `n` is the number as the language writes it. */
export function counted(count: number, code = i18n.language): { count: number; n: string } {
  return { count, n: formatNumber(count, code) };
}

/**
 * A language's name in the reader's language: the catalogue names the pilot languages (browsers
 * lack some, Debian's chromium has no Uzbek names), the browser names the others.
 */
export function languageName(code: string, inLanguage = i18n.language): string {
  const key = `languageNames.${code}`;
  if (i18n.exists(key, { lng: inLanguage })) return i18n.t(key, { lng: inLanguage });
  try {
    return new Intl.DisplayNames([intlLocale(inLanguage)], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
