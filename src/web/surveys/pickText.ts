/**
 * A questionnaire text (a map of language to text, as the definition holds it) in the reader's
 * language, else the first language it is given in, said so, as `LocalText` shows it.
 */
export function pickText(text: Record<string, string>, locale: string) {
  const own = text[locale];
  if (own) return { text: own, locale, fallback: false };
  const [first, value] = Object.entries(text)[0] ?? ['en', ''];
  return { text: value, locale: first, fallback: true };
}
