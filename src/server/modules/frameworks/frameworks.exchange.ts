import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { readCfPackage } from './frameworks.case.import.ts';
import { detectCsv, readPathwayCsv, toPathwayCsv } from './frameworks.csv.ts';
import { decodeUtf8, Faults, importSpec } from './frameworks.import.ts';
import { exportMoodleCsv, importMoodleCsv } from './frameworks.moodle.ts';
import type { ExchangeFormat } from './frameworks.names.ts';
import { exportCase, getFramework } from './frameworks.service.ts';

/** Import and export of whole frameworks: CASE 1.1 JSON, Moodle CSV, Pathway CSV. */

export interface ImportOptions {
  format?: ExchangeFormat | undefined;
  /** Title for a Pathway CSV (it has no framework row). */
  title?: string | undefined;
  /** The language of a Moodle CSV's text (default: the tenant's language). */
  language?: string | undefined;
}

/** The format of a file from its first bytes: JSON is CASE; a CSV header says which CSV. */
export function detectFormat(text: string): ExchangeFormat {
  const start = text.trimStart();
  if (start.startsWith('{')) return 'case';
  const csv = detectCsv(start);
  if (csv) return csv;
  throw new AppError('csv_invalid', 'The file is neither a CASE package nor a known CSV; check its first line.', {
    errors: [
      {
        line: 1,
        column: '',
        message:
          'Unknown header: expected Moodle’s (14 columns: Parent ID number, ID number, …, Is framework, Taxonomy, in any language) or Pathway’s (code, parent_code, type, level, statement_<lang>).',
      },
    ],
  });
}

/** Reads a file in any supported format and writes it as a new draft; nothing is written if any fault is found. */
export async function importFramework(ctx: Ctx, bytes: Buffer, options: ImportOptions = {}) {
  const guess =
    options.format ?? (bytes.subarray(0, 64).toString('latin1').trimStart().startsWith('{') ? 'case' : 'csv');
  const text = decodeUtf8(bytes, guess === 'case' ? 'case' : 'csv');
  const format = options.format ?? detectFormat(text);
  const faults = new Faults();
  if (format === 'case') {
    let pkg: unknown;
    try {
      pkg = JSON.parse(text);
    } catch (error) {
      throw new AppError('case_invalid', 'The file is not valid JSON; nothing was imported.', {
        errors: [{ path: '$', message: (error as Error).message }],
      });
    }
    return importSpec(ctx, readCfPackage(pkg, faults), faults);
  }
  if (format === 'moodle-csv') {
    return importMoodleCsv(ctx, text, { language: options.language ?? ctx.defaultLocale });
  }
  return importSpec(ctx, readPathwayCsv(text, faults, { title: options.title }), faults);
}

export async function exportFramework(ctx: Ctx, frameworkId: string, format: ExchangeFormat, origin: string) {
  if (format === 'case') {
    const pkg = await exportCase(ctx, frameworkId, origin);
    return { body: `${JSON.stringify(pkg, null, 2)}\n`, contentType: 'application/json', extension: 'json' };
  }
  const body =
    format === 'moodle-csv'
      ? await exportMoodleCsv(ctx, frameworkId)
      : toPathwayCsv(await getFramework(ctx, frameworkId));
  return { body, contentType: 'text/csv; charset=utf-8', extension: 'csv' };
}
