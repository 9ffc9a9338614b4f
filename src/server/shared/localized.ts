// No zod here: the web app imports this, and its bundles should not carry the validation library.

/** Data text in several languages: `{ en: 'District', ne: 'जिल्ला' }`. */
export type LocalizedText = Record<string, string>;

export interface ResolvedText {
  text: string;
  locale: string;
  /** True when the text is not in the language asked for. The UI marks it. */
  fallback: boolean;
}

/** Resolves to the asked locale, else the tenant default, else any language present. */
export function resolveText(value: LocalizedText, locale: string, defaultLocale: string): ResolvedText {
  const asked = value[locale];
  if (asked !== undefined) return { text: asked, locale, fallback: false };
  const byDefault = value[defaultLocale];
  if (byDefault !== undefined) return { text: byDefault, locale: defaultLocale, fallback: true };
  const [first] = Object.entries(value);
  return first ? { text: first[1], locale: first[0], fallback: true } : { text: '', locale, fallback: true };
}
