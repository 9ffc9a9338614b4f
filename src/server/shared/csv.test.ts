import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { guardCell, spreadsheetCsv, tableCsv, unguardCell } from './csv.ts';
import { xlsxBytes } from './xlsx.ts';

describe('spreadsheet formula guard', () => {
  it('quotes every cell a spreadsheet would run as a formula', () => {
    expect(['=SUM(A1)', '+1', '-5 points', '@cmd', '\tx', '\r=1'].map(guardCell)).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-5 points",
      "'@cmd",
      "'\tx",
      "'\r=1",
    ]);
    expect(spreadsheetCsv([['=HYPERLINK("http://x")', 'plain']])).toBe(`"'=HYPERLINK(""http://x"")",plain\r\n`);
  });

  it('gives back the original value, keeping a genuine leading apostrophe', () => {
    const values = ['=SUM(A1)', '-5 points', "'=already quoted", "''+two", "'tis", "O'Neill", "'", '', 'plain'];
    expect(values.map((v) => unguardCell(guardCell(v)))).toEqual(values);
    expect(["'tis", "O'Neill", "'"].map(guardCell)).toEqual(["'tis", "O'Neill", "'"]);
    // A spreadsheet that dropped the guard on saving gives the original, which reads unchanged.
    expect(unguardCell('=SUM(A1)')).toBe('=SUM(A1)');
  });

  it('leaves numbers as numbers and empty cells empty in a table', () => {
    expect(tableCsv([['-5', -5, null, 0.5]])).toBe("'-5,-5,,0.5\r\n");
  });

  it('writes formula-like text into a workbook as text cells, never as formulas', async () => {
    const rows = [
      ['title', 'n'],
      ['=SUM(A1)', -5],
      ['@cmd', null],
    ];
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsxBytes([{ name: 'Sheet', rows }])) as never);
    const sheet = book.worksheets[0]!;
    expect([sheet.getCell('A2'), sheet.getCell('A3')].map((c) => [c.type, c.value])).toEqual([
      [ExcelJS.ValueType.String, '=SUM(A1)'],
      [ExcelJS.ValueType.String, '@cmd'],
    ]);
    expect(sheet.getCell('B2').value).toBe(-5);
  });
});
