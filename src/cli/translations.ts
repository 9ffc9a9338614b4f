import fs from 'node:fs';
import { type Command, Option } from 'commander';
import type { Database } from '../server/db/database.ts';
import {
  exportDocument,
  FORMATS,
  importDocument,
  parseFile,
  parseObjectRef,
  serialise,
} from '../server/modules/translations/translations.exchange.ts';
import * as translations from '../server/modules/translations/translations.service.ts';
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
    .option('--object <type:id>', 'One object, e.g. framework:<id> (as `status` lists them)')
    .requiredOption('--out <file>', 'Where to write the file')
    .action((opts: { tenant: string; locale: string; format: 'xliff' | 'po'; object?: string; out: string }) =>
      withDatabase(async (database) => {
        const ctx = await systemCtx(database, opts.tenant);
        const doc = await exportDocument(ctx, opts.locale, opts.object ? parseObjectRef(opts.object) : undefined);
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
    .description('One line per language and object: locale, type:id, the share of texts translated and current.')
    .requiredOption('--tenant <code>', 'Tenant code')
    .action((opts: { tenant: string }) =>
      withDatabase(async (database) => {
        const ctx = await systemCtx(database, opts.tenant);
        const { objects } = await translations.overview(ctx);
        for (const object of objects) {
          for (const { locale, counts } of object.languages) {
            const waiting = counts.stale || counts.missing ? ` (${counts.missing} missing, ${counts.stale} stale)` : '';
            console.log(`${locale} ${object.type}:${object.id} ${counts.coverage}%${waiting}`);
          }
        }
      }),
    );
}
