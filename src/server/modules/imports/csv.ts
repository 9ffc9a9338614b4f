import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { unguardCell } from '../../shared/csv.ts';
import { AppError } from '../../shared/errors.ts';

export interface CsvFault {
  line: number;
  column: string;
  message: string;
}

export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  /** Values by canonical column name; absent optional columns are undefined. */
  values: Record<string, string | undefined>;
}

export type CsvInput = AsyncIterable<Buffer | string> | Iterable<Buffer | string> | NodeJS.ReadableStream;

/** Collects faults up to a cap; past it the import still fails but the list says it was cut. */
export class FaultList {
  readonly items: CsvFault[] = [];
  truncated = false;
  constructor(private readonly cap = 1000) {}
  add(line: number, column: string, message: string) {
    if (this.items.length < this.cap) this.items.push({ line, column, message });
    else this.truncated = true;
  }
  get any() {
    return this.items.length > 0 || this.truncated;
  }
  fail(): never {
    const n = this.items.length;
    throw new AppError(
      'csv_invalid',
      `${n}${this.truncated ? '+' : ''} problem${n === 1 ? '' : 's'} in the file; nothing was imported.`,
      {
        errors: this.items,
        truncated: this.truncated,
      },
    );
  }
}

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** Counts bytes as they pass and refuses a file past the cap. */
async function* capped(input: CsvInput, maxBytes: number) {
  let total = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > maxBytes) throw new AppError('body_too_large', `The file is larger than ${maxBytes / 1024 / 1024} MB.`);
    yield buffer;
  }
}

/**
 * Streams the records of a CSV file with their line numbers, after checking the header against
 * the columns the format knows. Header names match case-insensitively; columns may come in any
 * order. Header faults (missing or unknown column) end the import at once: no row can be read.
 * Values are trimmed and lose the formula guard of shared/csv.ts, so an exported cell reads back
 * as the value it was.
 */
export async function* readCsv(
  input: CsvInput,
  format: { required: readonly string[]; optional: readonly string[]; pattern?: RegExp },
  faults: FaultList,
  maxBytes = MAX_IMPORT_BYTES,
): AsyncGenerator<CsvRecord> {
  const parser = Readable.from(capped(input, maxBytes)).pipe(
    parse({ relax_column_count: true, info: true, bom: true, skip_empty_lines: false }),
  );
  let columns: string[] | null = null;
  let lastLine = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = lastLine + 1;
      lastLine = info.lines;
      if (record.length === 1 && record[0] === '') continue;
      if (!columns) {
        columns = checkHeader(record, format, faults);
        if (faults.any) faults.fail();
        continue;
      }
      if (record.length !== columns.length) {
        faults.add(line, '', `Expected ${columns.length} fields, found ${record.length}.`);
        continue;
      }
      const values: Record<string, string | undefined> = {};
      let broken = false;
      for (let i = 0; i < columns.length; i++) {
        const value = record[i]!;
        if (value.includes('\uFFFD')) {
          faults.add(line, columns[i]!, 'The text is not valid UTF-8.');
          broken = true;
        }
        if (value.includes('\u0000')) {
          faults.add(line, columns[i]!, 'The text holds a NUL character (U+0000), which cannot be stored.');
          broken = true;
        }
        values[columns[i]!] = unguardCell(value.trim());
      }
      if (!broken) yield { line, values };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      faults.add(
        (error as CsvError & { lines?: number }).lines ?? lastLine + 1,
        '',
        `The CSV is malformed: ${error.message}`,
      );
      faults.fail();
    }
    throw error;
  }
  if (!columns) {
    faults.add(1, '', `The file is empty; the header must name the columns ${format.required.join(', ')}.`);
    faults.fail();
  }
}

function checkHeader(
  header: string[],
  format: { required: readonly string[]; optional: readonly string[]; pattern?: RegExp },
  faults: FaultList,
) {
  const columns = header.map((h) => h.trim().toLowerCase());
  const known = new Set([...format.required, ...format.optional]);
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) faults.add(1, column, `The column ${column} appears twice.`);
    seen.add(column);
    if (!known.has(column) && !format.pattern?.test(column)) faults.add(1, column, `Unknown column ${column}.`);
  }
  for (const column of format.required) {
    if (!seen.has(column)) faults.add(1, column, `The required column ${column} is missing.`);
  }
  return columns;
}

/** `a; b;c` -> ['a', 'b', 'c'] */
export function splitList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);
}
