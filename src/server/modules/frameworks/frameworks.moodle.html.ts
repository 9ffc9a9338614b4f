import type { LocalizedText } from '../../shared/text.ts';

/**
 * Moodle's HTML descriptions: sanitised when a Moodle CSV is imported (Pathway reads their text and
 * keeps the sanitised HTML in `moodle_source`, migration 0026), and shown as rich text while the
 * description Pathway read from them is unedited.
 */

/** Where a Moodle row has its description and the description's format (frameworks.moodle.ts reads the rest). */
export const DESCRIPTION_CELL = 3;
export const FORMAT_CELL = 4;

/** Moodle's description formats (FORMAT_MOODLE, FORMAT_HTML, FORMAT_PLAIN, FORMAT_MARKDOWN). */
const FORMAT_MOODLE = '0';
export const FORMAT_HTML = '1';
export const FORMAT_PLAIN = '2';

const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'ul',
  'ol',
  'li',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'code',
  'span',
  'div',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
]);
const VOID_TAGS = new Set(['br', 'hr']);
/** Elements dropped with everything inside them. */
const DROPPED = 'script|style|iframe|object|embed|noscript|template|svg|math|frameset|frame|applet';

const decodeEntities = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * A link target a browser will not run: http(s), mailto, or a relative link with no entity (an
 * entity such as `&Tab;` can hide a scheme).
 */
function safeHref(value: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore control characters in schemes.
  const plain = decodeEntities(value).replace(/[\u0000-\u0020]/g, '');
  if (/^(https?:\/\/|mailto:)/i.test(plain)) return value.trim();
  return plain.includes(':') || value.includes('&') ? null : value.trim();
}

const ATTRIBUTE = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * Sanitises a Moodle HTML description: scripts and other active elements go with their content,
 * unknown tags go (their text stays), and of attributes only a safe link's href and title, and a
 * table cell's spans, are kept. Idempotent, so a re-import keeps the same HTML.
 */
export function sanitiseHtml(html: string): string {
  // Removing a tag can make one of the text around it (`<<b>script>`): repeat until nothing changes.
  let out = html;
  for (let pass = 0, before = ''; pass < 10 && before !== out; pass++) {
    before = out;
    out = sanitisePass(out);
  }
  // A `<` that starts no kept tag is text: left raw it could open a tag with what follows the HTML.
  return out.replace(new RegExp(`<(?!/?(?:${[...ALLOWED_TAGS].join('|')})(?:\\s[^<>]*)?>)`, 'g'), '&lt;');
}

function sanitisePass(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(new RegExp(`<(${DROPPED})\\b[\\s\\S]*?<\\/\\1\\s*>`, 'gi'), '')
    .replace(new RegExp(`<\\/?(${DROPPED})\\b[^>]*>`, 'gi'), '')
    .replace(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g, (_, close: string, rawName: string, rawAttrs: string) => {
      const name = rawName.toLowerCase();
      if (!ALLOWED_TAGS.has(name)) return '';
      if (close) return VOID_TAGS.has(name) ? '' : `</${name}>`;
      const kept: string[] = [];
      for (const m of rawAttrs.matchAll(ATTRIBUTE)) {
        const attr = m[1]!.toLowerCase();
        const value = m[2] ?? m[3] ?? m[4] ?? '';
        let keep: string | null = null;
        if (name === 'a' && attr === 'href') keep = safeHref(value);
        else if (attr === 'title' && (name === 'a' || name === 'span')) keep = value;
        else if ((name === 'td' || name === 'th') && (attr === 'colspan' || attr === 'rowspan'))
          keep = /^\d{1,3}$/.test(value) ? value : null;
        if (keep !== null) kept.push(` ${attr}="${keep.replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`);
      }
      return `<${name}${kept.join('')}>`;
    });
}

/** What a person reads of an HTML description: its text, paragraphs and list items on lines of their own. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|li|h[1-6]|blockquote|tr|pre)>\s*/gi, '\n')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

const looksLikeHtml = (s: string) => /<[a-z!/][^>]*>|&[a-z#0-9]+;/i.test(s);

/** A description cell Moodle means as HTML (HTML or Moodle's auto-format, or none given) and that has markup. */
export const isHtmlDescription = (cell: string, format: string) =>
  [FORMAT_MOODLE, FORMAT_HTML, ''].includes(format.trim()) && looksLikeHtml(cell);

/**
 * The description as HTML, by language, where the HTML a Moodle import kept (`moodle_source`) still
 * reads as the description's current text; none once it was edited in Pathway. Sanitised again on
 * the way out, so a row written by an older sanitiser (or by hand) cannot reach a browser unclean.
 */
export function moodleDescriptionHtml(
  kept: string | null | undefined,
  description: LocalizedText,
): Record<string, string> | undefined {
  if (!kept) return undefined;
  const cells = (JSON.parse(kept) as { cells?: unknown }).cells;
  if (!Array.isArray(cells)) return undefined;
  const cell = String(cells[DESCRIPTION_CELL] ?? '');
  if (!isHtmlDescription(cell, String(cells[FORMAT_CELL] ?? ''))) return undefined;
  const html = sanitiseHtml(cell).trim();
  const text = htmlToText(html);
  if (!text) return undefined;
  const out: Record<string, string> = {};
  for (const [language, value] of Object.entries(description)) if (value === text) out[language] = html;
  return Object.keys(out).length ? out : undefined;
}
