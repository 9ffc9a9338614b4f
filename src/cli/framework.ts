import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { Database } from '../server/db/database.ts';
import { type PullResult, pullFramework } from '../server/modules/frameworks/frameworks.case.pull.ts';
import { exportFramework, importFramework } from '../server/modules/frameworks/frameworks.exchange.ts';
import { EXCHANGE_FORMATS, type ExchangeFormat } from '../server/modules/frameworks/frameworks.names.ts';
import { listTenants } from '../server/modules/org/org.service.ts';
import { UnreachableDocumentError } from '../server/modules/recognition/credentials.resolve.ts';
import { systemBase } from '../server/shared/context.ts';
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

/** The tenant named, or the only one there is (a national installation usually has one). */
async function tenantCtx(database: Database, code: string | undefined) {
  if (code) return systemCtx(database, code);
  const tenants = await listTenants(systemBase(database));
  if (tenants.length !== 1)
    throw new AppError(
      'validation_failed',
      `Give --tenant CODE (${tenants.map((t) => t.code).join(', ') || 'no tenants yet'}).`,
      {
        fields: [{ path: 'tenant', message: 'Required when there is not exactly one tenant.' }],
      },
    );
  return systemCtx(database, tenants[0]!.code);
}

interface ImportCliOptions {
  tenant?: string;
  format?: ExchangeFormat;
  title?: string;
  language?: string;
  from?: string;
  dryRun?: boolean;
  allowPrivate?: boolean;
}

/** Prints what a pull did: the new framework's id (when one was written), a summary, one line per change. */
function reportPull(result: PullResult) {
  const { added, removed, changed } = result.counts;
  const tally = `${added} added, ${removed} removed, ${changed} changed`;
  if (result.frameworkId) console.log(result.frameworkId);
  if (result.outcome === 'imported')
    console.log(`Pulled ${result.title} (version ${result.version}) as a draft: ${added} items.`);
  else if (result.outcome === 'draft')
    console.log(
      `Pulled ${result.title} as a new draft (version ${result.version}) of version ${result.from!.version}: ${tally}.`,
    );
  else if (result.outcome === 'unchanged')
    console.log(`${result.title} is as version ${result.from!.version} has it: nothing to pull.`);
  else
    console.log(
      result.from
        ? `Dry run: a new draft (version ${result.version}) of version ${result.from.version} would have ${tally}.`
        : `Dry run: ${result.title} (version ${result.version}) would be imported as a draft: ${added} items.`,
    );
  for (const line of result.lines) console.log(line);
}

/**
 * `pathway framework import FILE [--tenant CODE]` (CASE JSON, Moodle CSV or Pathway CSV, detected)
 * `pathway framework import --from URL [--tenant CODE] [--dry-run] [--allow-private]` (a CASE 1.1 provider)
 * `pathway framework export ID --tenant CODE --format case|moodle-csv|csv [--out FILE]`
 */
export function registerFrameworkCommands(program: Command, withDatabase: WithDatabase) {
  const command = program.command('framework').description('Competency frameworks: import and export.');
  command
    .command('import [file]')
    .description(
      'Import a framework as a new draft: a CASE package (JSON), a Moodle CSV or a Pathway CSV; or pull one from a CASE 1.1 provider (--from): a later pull of the same document becomes a new draft of its lineage, and the changes are printed.',
    )
    .option('--tenant <code>', 'Tenant code (default: the only tenant)')
    .option('--format <format>', `Force the format (${EXCHANGE_FORMATS.join(', ')}); detected by default`, format)
    .option('--title <title>', 'Title of a Pathway CSV (default: the file name)')
    .option('--language <code>', 'Language of a Moodle CSV (default: the tenant’s)')
    .option('--from <url>', 'A CASE 1.1 CFPackages or CFDocuments URL to pull from')
    .option('--dry-run', 'With --from: print the changes, write nothing')
    .option(
      '--allow-private',
      'With --from: allow a provider on a private or loopback address, or plain http (your own network)',
    )
    .action((file: string | undefined, opts: ImportCliOptions) =>
      withDatabase(async (database) => {
        if (opts.from) {
          if (file) throw new AppError('validation_failed', 'Give a file or --from URL, not both.');
          const ctx = await tenantCtx(database, opts.tenant);
          const result = await pullFramework(ctx, opts.from, {
            dryRun: opts.dryRun,
            allowPrivate: opts.allowPrivate,
          }).catch((error: unknown) => {
            // Offline, refused, too slow, too big: the reason is the message, not a stack.
            if (!(error instanceof UnreachableDocumentError)) return explain(error);
            console.error(`error: ${error.message}`);
            process.exitCode = 1;
          });
          if (result) reportPull(result);
          return;
        }
        if (!file) throw new AppError('validation_failed', 'Give a file to import, or --from URL.');
        if (!fs.existsSync(file)) throw new AppError('file_not_found', `No file ${file}.`);
        const ctx = await tenantCtx(database, opts.tenant);
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
