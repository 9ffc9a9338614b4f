/**
 * Dates, times and numbers as each language writes them. The patterns and month names are spelled out
 * here instead of asked of Intl: browsers built with reduced locale data (Debian's chromium among them)
 * write Uzbek as "2026 M12 6" and Nepali with English month names. Intl is only asked for the calendar
 * fields of an instant in a time zone, which every build answers.
 */

export type FormatLanguage = 'en' | 'ru' | 'uz' | 'ne' | 'fil';

interface Style {
  /** Month names as used in a date ("6 December"): Russian in the genitive, abbreviated where the language abbreviates. */
  months: readonly string[];
  day(d: number, month: string, y: number): string;
  time(h: number, m: number): string;
  dateTime(date: string, time: string): string;
  group: string;
  decimal: string;
  /** Indian grouping (1,00,000) for Nepali: the first group is three digits, the rest two. */
  indian?: boolean;
  percent(n: string): string;
}

const two = (n: number) => String(n).padStart(2, '0');
const twelveHour = (h: number, m: number) => `${h % 12 === 0 ? 12 : h % 12}:${two(m)} ${h < 12 ? 'AM' : 'PM'}`;

const STYLES: Record<FormatLanguage, Style> = {
  en: {
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    day: (d, month, y) => `${month} ${d}, ${y}`,
    time: twelveHour,
    dateTime: (date, time) => `${date}, ${time}`,
    group: ',',
    decimal: '.',
    percent: (n) => `${n}%`,
  },
  ru: {
    months: ['янв.', 'февр.', 'мар.', 'апр.', 'мая', 'июн.', 'июл.', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'],
    day: (d, month, y) => `${d} ${month} ${y} г.`,
    time: (h, m) => `${two(h)}:${two(m)}`,
    dateTime: (date, time) => `${date}, ${time}`,
    group: '\u00a0',
    decimal: ',',
    percent: (n) => `${n}\u00a0%`,
  },
  uz: {
    months: [
      'yanvar',
      'fevral',
      'mart',
      'aprel',
      'may',
      'iyun',
      'iyul',
      'avgust',
      'sentabr',
      'oktabr',
      'noyabr',
      'dekabr',
    ],
    day: (d, month, y) => `${d}-${month}, ${y}`,
    time: (h, m) => `${two(h)}:${two(m)}`,
    dateTime: (date, time) => `${date}, ${time}`,
    group: '\u00a0',
    decimal: ',',
    percent: (n) => `${n}%`,
  },
  ne: {
    months: ['जनवरी', 'फेब्रुअरी', 'मार्च', 'अप्रिल', 'मे', 'जुन', 'जुलाई', 'अगस्ट', 'सेप्टेम्बर', 'अक्टोबर', 'नोभेम्बर', 'डिसेम्बर'],
    day: (d, month, y) => `${y} ${month} ${d}`,
    time: (h, m) => `${two(h)}:${two(m)}`,
    dateTime: (date, time) => `${date}, ${time}`,
    group: ',',
    decimal: '.',
    indian: true,
    percent: (n) => `${n}%`,
  },
  fil: {
    months: ['Ene', 'Peb', 'Mar', 'Abr', 'May', 'Hun', 'Hul', 'Ago', 'Set', 'Okt', 'Nob', 'Dis'],
    day: (d, month, y) => `${month} ${d}, ${y}`,
    time: twelveHour,
    dateTime: (date, time) => `${date}, ${time}`,
    group: ',',
    decimal: '.',
    percent: (n) => `${n}%`,
  },
};

const DEVANAGARI_DIGITS = '०१२३४५६७८९';

function styleOf(code: string): Style {
  return STYLES[(code in STYLES ? code : 'en') as FormatLanguage];
}

/** Nepali is written with Devanagari digits. */
export function localDigits(text: string, code: string): string {
  return code === 'ne' ? text.replace(/[0-9]/g, (d) => DEVANAGARI_DIGITS[Number(d)]!) : text;
}

function groupDigits(digits: string, style: Style): string {
  if (digits.length <= 3) return digits;
  const last = digits.slice(-3);
  let rest = digits.slice(0, -3);
  const size = style.indian ? 2 : 3;
  const groups: string[] = [];
  while (rest.length > size) {
    groups.unshift(rest.slice(-size));
    rest = rest.slice(0, -size);
  }
  if (rest) groups.unshift(rest);
  return [...groups, last].join(style.group);
}

/** A number with the language's grouping, decimal mark and digits; at most `maxFraction` decimals. */
export function formatNumber(value: number, code: string, maxFraction = 3): string {
  if (!Number.isFinite(value)) return '—';
  const style = styleOf(code);
  const fixed = Math.abs(value).toFixed(maxFraction);
  const [whole, fraction = ''] = fixed.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const negative = value < 0 && (Number(whole) !== 0 || trimmed !== '');
  const text = `${negative ? '-' : ''}${groupDigits(whole!, style)}${trimmed ? style.decimal + trimmed : ''}`;
  return localDigits(text, code);
}

/** A percentage (45 → "45%", "45 %", "४५%"); at most one decimal. */
export function formatPercent(value: number, code: string): string {
  return styleOf(code).percent(formatNumber(Math.round(value * 10) / 10, code, 1));
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The calendar fields of an instant in a time zone (the browser's own when none is given). */
function fieldsOf(date: Date, timeZone?: string): Fields {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute') };
}

function dayText(f: Fields, style: Style, code: string): string {
  return localDigits(style.day(f.day, style.months[f.month - 1]!, f.year), code);
}

/** An instant as date and time ("6-dekabr, 2026, 03:35"), in the browser's time zone unless one is given. */
export function formatDate(iso: string | Date, code: string, timeZone?: string): string {
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  const style = styleOf(code);
  const f = fieldsOf(date, timeZone);
  return style.dateTime(dayText(f, style, code), localDigits(style.time(f.hour, f.minute), code));
}

/** A calendar day (YYYY-MM-DD, or an instant's date part) without a time, read as that day wherever the browser is. */
export function formatDay(day: string, code: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return day;
  const style = styleOf(code);
  return dayText(
    { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: 0, minute: 0 },
    style,
    code,
  );
}
