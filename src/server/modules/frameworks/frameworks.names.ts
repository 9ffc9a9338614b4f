// Zod-free, so the web app imports it as it is: a download link names the file as the server does.

export const EXCHANGE_FORMATS = ['case', 'moodle-csv', 'csv'] as const;
export type ExchangeFormat = (typeof EXCHANGE_FORMATS)[number];

const SUFFIXES: Record<ExchangeFormat, string> = { case: 'case.json', 'moodle-csv': 'moodle.csv', csv: 'csv' };

/** Words of a title joined by hyphens, without what a file name cannot hold. */
function fileWords(text: string, ascii: boolean) {
  const plain = ascii ? text.normalize('NFKD').replace(/\p{M}/gu, '') : text.normalize('NFC');
  const unsafe = ascii ? /[^A-Za-z0-9._]+/g : /[\s\p{C}\\/:*?"<>|%;,]+/gu;
  return plain
    .replace(unsafe, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120);
}

/**
 * A framework file is named after the standard: `National-ICT-Competency-Standard-2.0.case.json`.
 * `ascii` is the fallback for clients without RFC 5987 (a title with no Latin letters becomes
 * `framework`, like a title with no letters at all); `name` keeps the title's own script.
 */
export function exportFileName(title: string, version: string, format: ExchangeFormat) {
  const named = (ascii: boolean) => {
    const words = fileWords(title, ascii);
    const stem = /\p{L}/u.test(words) ? words : 'framework';
    const v = fileWords(version, ascii);
    return `${v && !stem.endsWith(`-${v}`) ? `${stem}-${v}` : stem}.${SUFFIXES[format]}`;
  };
  return { name: named(false), ascii: named(true) };
}

/** `attachment` with both spellings of the name (RFC 6266, RFC 5987). */
export function attachment(file: { name: string; ascii: string }) {
  const encoded = encodeURIComponent(file.name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${file.ascii}"; filename*=UTF-8''${encoded}`;
}
