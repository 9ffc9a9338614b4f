import fs from 'node:fs';
import type { Command } from 'commander';
import type { Database } from '../server/db/database.ts';
import { importOrgUnits, importPeople } from '../server/modules/imports/imports.service.ts';
import { AppError } from '../server/shared/errors.ts';
import { systemCtx } from './context.ts';

type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

/** `pathway import org-units|people FILE.csv --tenant CODE [--dry-run]` */
export function registerImportCommands(program: Command, withDatabase: WithDatabase) {
  const command = program
    .command('import')
    .description('Import a roster (CSV) exported from an EMIS; see docs/imports.md.');
  for (const [kind, run] of [
    ['org-units', importOrgUnits],
    ['people', importPeople],
  ] as const) {
    command
      .command(`${kind} <file>`)
      .description(`Import ${kind.replace('-', ' ')}: all rows or none.`)
      .requiredOption('--tenant <code>', 'Tenant code')
      .option('--dry-run', 'Check every row, write nothing')
      .action((file: string, opts: { tenant: string; dryRun?: boolean }) =>
        withDatabase(async (database) => {
          if (!fs.existsSync(file)) throw new AppError('file_not_found', `No file ${file}.`);
          const ctx = await systemCtx(database, opts.tenant);
          const started = Date.now();
          try {
            const result = await run(ctx, fs.createReadStream(file), { dryRun: opts.dryRun ?? false });
            const verb = opts.dryRun ? 'Would import' : 'Imported';
            console.log(
              `${verb} ${result.rows} rows: ${result.created} created, ${result.updated} updated (${((Date.now() - started) / 1000).toFixed(1)} s).`,
            );
          } catch (error) {
            if (error instanceof AppError && error.code === 'csv_invalid') {
              const { errors, truncated } = error.details as {
                errors: { line: number; column: string; message: string }[];
                truncated: boolean;
              };
              for (const e of errors)
                console.error(`line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}`);
              if (truncated) console.error('(more problems not listed)');
            }
            throw error;
          }
        }),
      );
  }
}
