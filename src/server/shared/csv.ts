/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return, which some strip
 * before looking) as a formula, so a CSV cell that would start with one gets a leading quote: the
 * spreadsheet shows it as text. Every CSV Pathway writes goes through `csvLine`, and every CSV it
 * reads back goes through `unguardCell`, so an exported and re-imported value is the original.
 *
 * The guard is reversible without losing a genuine leading apostrophe: a quote is added to a value
 * that starts with any number of quotes followed by a formula character, and one quote is removed
 * from such a value on reading. So `=A1` > `'=A1` > `=A1`, `'=A1` > `''=A1` > `'=A1`, and `'tis`
 * (no formula character after its quotes) is written and read unchanged. A spreadsheet that drops
 * the guard when it saves the file gives back the original, which reads back unchanged too.
 */
const GUARD_NEEDED = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** The cell as a spreadsheet should receive it: formula-like text gets a leading quote. */
export function guardCell(value: string): string {
  return GUARD_NEEDED.test(value) ? `'${value}` : value;
}

/** Undoes `guardCell` on a cell read from a CSV file. */
export function unguardCell(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}

/** One guarded CSV field: commas, quotes, line breaks and surrounding spaces are quoted. */
function field(value: string | number | null): string {
  // A number Pathway computed is never a formula (-5 stays a number for the spreadsheet).
  if (typeof value === 'number') return String(value);
  const safe = guardCell(value ?? '');
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record, CRLF-terminated, every text cell guarded. */
export function csvLine(cells: readonly (string | number | null)[]): string {
  return `${cells.map(field).join(',')}\r\n`;
}

/** A CSV meant to be opened in a spreadsheet. */
export function spreadsheetCsv(rows: string[][]): string {
  return rows.map(csvLine).join('');
}

/** A table of text and numbers as spreadsheet CSV; empty cells stay empty. */
export function tableCsv(rows: (string | number | null)[][]): string {
  return rows.map(csvLine).join('');
}
