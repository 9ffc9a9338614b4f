/**
 * A CSV meant to be opened in a spreadsheet. Spreadsheets run cells that start with = + - @ as
 * formulas, so such text gets a leading quote; commas, quotes and line breaks are quoted.
 * (Exchange formats that must round-trip exactly, like a framework's CSV, quote without guarding.)
 */
export function spreadsheetCsv(rows: string[][]): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return rows.map((r) => `${r.map(cell).join(',')}\r\n`).join('');
}

/** A table of text and numbers as spreadsheet CSV; empty cells stay empty. */
export function tableCsv(rows: (string | number | null)[][]): string {
  return spreadsheetCsv(rows.map((r) => r.map((c) => (c === null ? '' : String(c)))));
}
