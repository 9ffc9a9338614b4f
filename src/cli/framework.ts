import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { Database } from '../server/db/database.ts';
import { exportFramework, importFramework } from '../server/modules/frameworks/frameworks.exchange.ts';
import { EXCHANGE_FORMATS, type ExchangeFormat } from '../server/modules/frameworks/frameworks.names.ts';
import { AppError } from '../server/shared/errors.ts';
import { systemCtx } from './context.ts';

type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

const format = (value: string): ExchangeFormat => {
  if (!(EXCHANGE_FORMATS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`Give one of ${EXCHANGE_FORMATS.join(', ')}.`);
  return value as ExchangeFormat;
};

/** Prints each fault of a rejected file (path or line), then rethrows for the exit code. */
function explain(error: unknown): never {
  if (error instanceof AppError && (error.code === 'case_invalid' || error.code === 'csv_invalid')) {
    const errors = (error.details?.errors ?? []) as {
      path?: string;
      line?: number;
      column?: string;
      message: string;
    }[];
    for (const e of errors) {
      const where = e.path ?? `line ${e.line}${e.column ? `, ${e.column}` : ''}`;
      console.error(`  ${where}: ${e.message}`);
    }
  }
  throw error;
}

/**
 * `pathway framework import FILE --tenant CODE` (CASE JSON, Moodle CSV or Pathway CSV, detected)
 * `pathway framework export ID --tenant CODE --format case|moodle-csv|csv [--out FILE]`
 */
export function registerFrameworkCommands(program: Command, withDatabase: WithDatabase) {
  const command = program.command('framework').description('Competency frameworks: import and export.');
  command
    .command('import <file>')
    .description('Import a framework as a new draft: a CASE package (JSON), a Moodle CSV or a Pathway CSV.')
    .requiredOption('--tenant <code>', 'Tenant code')
    .option('--format <format>', `Force the format (${EXCHANGE_FORMATS.join(', ')}); detected by default`, format)
    .option('--title <title>', 'Title of a Pathway CSV (default: the file name)')
    .option('--language <code>', 'Language of a Moodle CSV (default: the tenant’s)')
    .action((file: string, opts: { tenant: string; format?: ExchangeFormat; title?: string; language?: string }) =>
      withDatabase(async (database) => {
        if (!fs.existsSync(file)) throw new AppError('file_not_found', `No file ${file}.`);
        const ctx = await systemCtx(database, opts.tenant);
        const result = await importFramework(ctx, fs.readFileSync(file), {
          format: opts.format,
          title: opts.title ?? path.basename(file).replace(/\.[^.]+$/, ''),
          language: opts.language,
        }).catch(explain);
        const c = result.counts;
        console.log(result.frameworkId);
        console.log(
          `Imported ${result.format} as a draft: ${c.items} items, ${c.levels} levels, ${c.rubrics} rubric descriptors, ${c.crosswalkLinks} crosswalk links${c.skipped ? `, ${c.skipped} associations not kept` : ''}.`,
        );
      }),
    );
  command
    .command('export <id>')
    .description('Write a framework as a CASE 1.1 package, a Moodle CSV or a Pathway CSV.')
    .requiredOption('--tenant <code>', 'Tenant code')
    .requiredOption('--format <format>', EXCHANGE_FORMATS.join('|'), format)
    .option('--out <file>', 'Write here instead of standard output')
    .option(
      '--origin <url>',
      'Base URL of this server, for CASE URIs',
      process.env.PATHWAY_PUBLIC_URL ?? 'http://localhost:3000',
    )
    .action((id: string, opts: { tenant: string; format: ExchangeFormat; out?: string; origin: string }) =>
      withDatabase(async (database) => {
        const ctx = await systemCtx(database, opts.tenant);
        const file = await exportFramework(ctx, id, opts.format, opts.origin.replace(/\/$/, ''));
        if (opts.out) {
          fs.writeFileSync(opts.out, file.body);
          console.error(`Wrote ${opts.out}.`);
        } else {
          process.stdout.write(file.body);
        }
      }),
    );
}
