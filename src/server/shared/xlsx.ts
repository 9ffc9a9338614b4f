import ExcelJS from 'exceljs';

export type Cell = string | number | null;

/**
 * A workbook for a spreadsheet user: one sheet per table, the first row a bold, frozen header.
 * Numbers stay numbers; text is written as text, never as a formula, so nothing in a cell runs.
 * Unlike CSV (shared/csv.ts), a workbook says each cell's type: a string cell holding `=SUM(A1)`
 * is shown as that text and never evaluated, so it needs no leading-quote guard (which a workbook
 * would show as part of the value).
 */
export async function xlsxBytes(sheets: { name: string; rows: Cell[][] }[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Pathway';
  for (const { name, rows } of sheets) {
    // Sheet names: at most 31 characters, none of : \ / ? * [ ].
    const sheet = book.addWorksheet(name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    for (const row of rows) sheet.addRow(row.map((c) => (c === null ? undefined : c)));
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((column, i) => {
      const longest = Math.max(...rows.map((r) => String(r[i] ?? '').length));
      column.width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
