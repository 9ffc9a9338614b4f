import fs from 'node:fs';
import { type Command, Option } from 'commander';
import type { Database } from '../server/db/database.ts';
import {
  exportDocument,
  FORMATS,
  importDocument,
  parseFile,
  resolveObjectRef,
  serialise,
} from '../server/modules/translations/translations.exchange.ts';
import * as translations from '../server/modules/translations/translations.service.ts';
import type { Ctx } from '../server/shared/context.ts';
import { AppError } from '../server/shared/errors.ts';
import { systemCtx } from './context.ts';

type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

/** `pathway translations export|import|status`: exchange with translation tools, and coverage per language. */
export function registerTranslationCommands(program: Command, withDatabase: WithDatabase) {
  const command = program.command('translations').description('Translation files (XLIFF 2.0, PO) and coverage.');
  command
    .command('export')
    .description('Write the texts of every object (or one) in one target language as XLIFF 2.0 or PO.')
    .requiredOption('--tenant <code>', 'Tenant code')
    .requiredOption('--locale <locale>', 'Target language, e.g. ne')
    .addOption(new Option('--format <format>', 'File format').choices(FORMATS).default('xliff'))
    .option('--object <id>', 'One object: its id, or type:id as `status` lists them (e.g. framework:<id>)')
    .requiredOption('--out <file>', 'Where to write the file')
    .action((opts: { tenant: string; locale: string; format: 'xliff' | 'po'; object?: string; out: string }) =>
      withDatabase(async (database) => {
        const ctx = await systemCtx(database, opts.tenant);
        const doc = await exportDocument(
          ctx,
          opts.locale,
          opts.object ? await resolveObjectRef(ctx, opts.object) : undefined,
        );
        fs.writeFileSync(opts.out, serialise(doc, opts.format));
        const units = doc.objects.reduce((n, o) => n + o.units.length, 0);
        console.log(`Wrote ${units} texts of ${doc.objects.length} object(s) in ${opts.locale} to ${opts.out}.`);
      }),
    );
  command
    .command('import <file>')
    .description('Read a translated XLIFF 2.0 or PO file: every text or none.')
    .requiredOption('--tenant <code>', 'Tenant code')
    .action((file: string, opts: { tenant: string }) =>
      withDatabase(async (database) => {
        if (!fs.existsSync(file)) throw new AppError('file_not_found', `No file ${file}.`);
        const ctx = await systemCtx(database, opts.tenant);
        try {
          const result = await importDocument(ctx, parseFile(fs.readFileSync(file)).doc);
          console.log(`Imported ${result.units} texts of ${result.objects} object(s) in ${result.locale}.`);
        } catch (error) {
          const faults =
            error instanceof AppError
              ? (error.details?.faults as { where: string; line?: number; message: string }[] | undefined)
              : undefined;
          if (faults)
            for (const f of faults) console.error(`${f.where}${f.line ? ` line ${f.line}` : ''}: ${f.message}`);
          throw error;
        }
      }),
    );
  command
    .command('status')
    .description('One line per language and object: `locale type:id coverage%` (the share translated and current).')
    .requiredOption('--tenant <code>', 'Tenant code')
    .option('--verbose', 'Add how many texts are missing and stale')
    .action((opts: { tenant: string; verbose?: boolean }) =>
      withDatabase(async (database) => {
        const ctx = await systemCtx(database, opts.tenant);
        for (const line of await statusLines(ctx, opts.verbose ?? false)) console.log(line);
      }),
    );
}

/** `locale type:id coverage%`, one line per language of each object; verbose adds the missing and stale counts. */
export async function statusLines(ctx: Ctx, verbose: boolean): Promise<string[]> {
  const { objects } = await translations.overview(ctx);
  return objects.flatMap((object) =>
    object.languages.map(({ locale, counts }) => {
      const line = `${locale} ${object.type}:${object.id} ${counts.coverage}%`;
      return verbose ? `${line} (${counts.missing} missing, ${counts.stale} stale)` : line;
    }),
  );
}
