/**
 * Dates, times and numbers as each language writes them. The patterns and month names are spelled out
 * in each catalogue's `format` section instead of asked of Intl: browsers built with reduced locale data
 * (Debian's chromium among them) write Uzbek as "2026 M12 6" and Nepali with English month names. Intl
 * is only asked for the calendar fields of an instant in a time zone, which every build answers.
 */

/** A catalogue's `format` section: every value a string, so the catalogue checks treat it like the rest. */
export interface FormatSection {
  /** Twelve month names as used in a date, separated by "|" (Russian in the genitive, abbreviated where usual). */
  months: string;
  /** A calendar day, from {day}, {month} and {year}. */
  date: string;
  /** "12" (3:05 PM) or "24" (15:05). */
  clock: string;
  /** A date and a time, from {date} and {time}. */
  dateTime: string;
  group: string;
  decimal: string;
  /** Digits per group from the right: "3" (1,000,000), or "3,2" for Indian grouping (10,00,000). */
  grouping: string;
  /** A percentage, from {n}. */
  percent: string;
  /** The ten digits the language writes, 0 to 9. */
  digits: string;
}

interface Style {
  months: string[];
  section: FormatSection;
  digits: string[];
  first: number;
  rest: number;
}

const styles = new Map<string, Style>();

/** Makes a language's formats known: the web app does it from its catalogues at start, the server from the files. */
export function defineFormat(code: string, section: FormatSection) {
  const [first, rest] = section.grouping.split(',').map(Number);
  styles.set(code, {
    months: section.months.split('|'),
    section,
    digits: [...section.digits],
    first: first!,
    rest: rest ?? first!,
  });
}

const two = (n: number) => String(n).padStart(2, '0');
const put = (pattern: string, values: Record<string, string>) =>
  pattern.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

function styleOf(code: string): Style {
  const style = styles.get(code) ?? styles.get('en');
  if (!style) throw new Error('No formats are defined: load the catalogues first.');
  return style;
}

function clock(h: number, m: number, style: Style): string {
  if (style.section.clock === '24') return `${two(h)}:${two(m)}`;
  return `${h % 12 === 0 ? 12 : h % 12}:${two(m)} ${h < 12 ? 'AM' : 'PM'}`;
}

/** Writes 0-9 in the language's own digits (Devanagari for Nepali). */
export function localDigits(text: string, code: string): string {
  const { digits } = styleOf(code);
  return digits[0] === '0' ? text : text.replace(/[0-9]/g, (d) => digits[Number(d)]!);
}

function groupDigits(digits: string, style: Style): string {
  if (digits.length <= style.first) return digits;
  const groups = [digits.slice(-style.first)];
  let rest = digits.slice(0, -style.first);
  while (rest.length > style.rest) {
    groups.unshift(rest.slice(-style.rest));
    rest = rest.slice(0, -style.rest);
  }
  if (rest) groups.unshift(rest);
  return groups.join(style.section.group);
}

/** A number with the language's grouping, decimal mark and digits; at most `maxFraction` decimals. */
export function formatNumber(value: number, code: string, maxFraction = 3): string {
  if (!Number.isFinite(value)) return '—';
  const style = styleOf(code);
  const fixed = Math.abs(value).toFixed(maxFraction);
  const [whole, fraction = ''] = fixed.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const negative = value < 0 && (Number(whole) !== 0 || trimmed !== '');
  const text = `${negative ? '-' : ''}${groupDigits(whole!, style)}${trimmed ? style.section.decimal + trimmed : ''}`;
  return localDigits(text, code);
}

/** A percentage (45 → "45%", "45 %", "४५%"); at most one decimal. */
export function formatPercent(value: number, code: string): string {
  return put(styleOf(code).section.percent, { n: formatNumber(Math.round(value * 10) / 10, code, 1) });
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
  return localDigits(
    put(style.section.date, { day: String(f.day), month: style.months[f.month - 1]!, year: String(f.year) }),
    code,
  );
}

/** An instant as date and time ("6-dekabr, 2026, 03:35"), in the browser's time zone unless one is given. */
export function formatDate(iso: string | Date, code: string, timeZone?: string): string {
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  const style = styleOf(code);
  const f = fieldsOf(date, timeZone);
  return put(style.section.dateTime, {
    date: dayText(f, style, code),
    time: localDigits(clock(f.hour, f.minute, style), code),
  });
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
