import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import fil from './fil.json' with { type: 'json' };
import ne from './ne.json' with { type: 'json' };
import ru from './ru.json' with { type: 'json' };
import uz from './uz.json' with { type: 'json' };

export const LANGUAGES = [
  { code: 'en', name: 'English', intl: 'en' },
  { code: 'ru', name: 'Русский', intl: 'ru' },
  { code: 'uz', name: 'Oʻzbekcha', intl: 'uz-Latn' },
  { code: 'ne', name: 'नेपाली', intl: 'ne-NP-u-nu-deva' },
  { code: 'fil', name: 'Filipino', intl: 'fil' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const catalogues = { en, ru, uz, ne, fil } as const;
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
    resources: Object.fromEntries(
      Object.entries(catalogues).map(([code, messages]) => [code, { translation: messages }]),
    ),
    lng: initialLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
document.documentElement.lang = intlLocale(i18n.language).split('-u-')[0]!;

const DEVANAGARI_DIGITS = '०१२३४५६७८९';

/**
 * Nepali is written with Devanagari digits. Browsers built with reduced locale data (Debian's
 * chromium among them) format 'ne' with Latin digits, so the digits are mapped here.
 */
function localDigits(text: string, code: string): string {
  return code === 'ne' ? text.replace(/[0-9]/g, (d) => DEVANAGARI_DIGITS[Number(d)]!) : text;
}

export function formatNumber(value: number, code = i18n.language): string {
  return localDigits(new Intl.NumberFormat(intlLocale(code)).format(value), code);
}

export function formatDate(iso: string, code = i18n.language): string {
  return localDigits(
    new Intl.DateTimeFormat(intlLocale(code), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    code,
  );
}

/** A calendar day (YYYY-MM-DD) without a time, read as that day wherever the browser is. */
export function formatDay(day: string, code = i18n.language): string {
  return localDigits(
    new Intl.DateTimeFormat(intlLocale(code), { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${day}T00:00:00Z`),
    ),
    code,
  );
}

/** Arguments of a plural message: `count` chooses the form, `n` is the number as the language writes it. */
export function counted(count: number, code = i18n.language): { count: number; n: string } {
  return { count, n: formatNumber(count, code) };
}

export function languageName(code: string, inLanguage = i18n.language): string {
  try {
    return new Intl.DisplayNames([intlLocale(inLanguage)], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
