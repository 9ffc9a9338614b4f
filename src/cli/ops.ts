import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { Config } from '../server/config.ts';
import { MIGRATION_NAMES, openDatabase } from '../server/db/database.ts';
import { backup } from '../server/ops/backup.ts';
import { restore } from '../server/ops/restore.ts';
import { upgrade } from '../server/ops/upgrade.ts';
import { AppError } from '../server/shared/errors.ts';
import { diskStore } from '../server/shared/storage.ts';

/** The key secret if one is set or kept in its file; never made here (a backup must not create one). */
function existingKeySecret(cfg: Config): string | null {
  if (cfg.keySecret) return cfg.keySecret;
  const file = path.resolve(cfg.keySecretFile);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() || null : null;
}

function passphraseFrom(variable: string | undefined): string | null {
  if (variable === undefined) return null;
  const value = process.env[variable];
  if (!value)
    throw new AppError('backup_passphrase_required', `Set the environment variable ${variable} to the passphrase.`, {
      variable,
    });
  return value;
}

const hours = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('Give a number of hours above 0.');
  return n;
};

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `pathway backup`, `pathway restore` and `pathway migrate` (issue 22). */
export function registerOpsCommands(program: Command, config: () => Config) {
  program
    .command('migrate')
    .description(
      'Bring the database schema up to date. Refuses a database a newer Pathway has migrated; warns when the last backup is over a day old.',
    )
    .option(
      '--require-backup-within <hours>',
      'Refuse to migrate unless a backup was taken within this many hours',
      hours,
    )
    .action(async (opts: { requireBackupWithin?: number }) => {
      const database = openDatabase(config().database);
      try {
        const result = await upgrade(database, { requireBackupWithinHours: opts.requireBackupWithin });
        if (result.warning) console.warn(`warning: ${result.warning}`);
        console.log(result.applied.length ? `Applied: ${result.applied.join(', ')}` : 'The schema is up to date.');
      } finally {
        await database.close();
      }
    });

  program
    .command('backup')
    .description('Write a consistent copy of the database and the uploaded files to one file, while the server runs.')
    .requiredOption('--out <file>', 'Where to write the backup')
    .option('--passphrase-env <variable>', 'Encrypt with the passphrase in this environment variable')
    .option('--files-dir <dir>', 'Where the uploaded files are (default: PATHWAY_FILES_DIR or ./data/files)')
    .action(async (opts: { out: string; passphraseEnv?: string; filesDir?: string }) => {
      const cfg = config();
      const passphrase = passphraseFrom(opts.passphraseEnv);
      const database = openDatabase(cfg.database);
      try {
        const started = Date.now();
        const result = await backup(database, {
          out: opts.out,
          files: diskStore(opts.filesDir ?? cfg.filesDir),
          passphrase,
          keySecret: existingKeySecret(cfg),
        });
        console.log(
          `Backed up ${result.rows} rows of ${result.tables} tables and ${result.files} files (${database.dialect}) to ` +
            `${result.out}: ${megabytes(result.bytes)}${result.encrypted ? ', encrypted' : ''}, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
        );
        for (const key of result.missingFiles)
          console.warn(`warning: file ${key} was named by a row but is not in the file store.`);
        if (!result.recorded)
          console.warn('warning: not recorded in the database: run `pathway migrate` to add backup_record.');
      } finally {
        await database.close();
      }
    });

  program
    .command('restore <file>')
    .description('Restore a backup into an empty database (SQLite file or postgres:// URL, from --database).')
    .option('--passphrase-env <variable>', 'The passphrase of an encrypted backup, in this environment variable')
    .option('--files-dir <dir>', 'Where to put the uploaded files (default: PATHWAY_FILES_DIR or ./data/files)')
    .action(async (file: string, opts: { passphraseEnv?: string; filesDir?: string }) => {
      const cfg = config();
      const passphrase = passphraseFrom(opts.passphraseEnv);
      const database = openDatabase(cfg.database);
      try {
        const started = Date.now();
        const result = await restore(file, database, {
          files: diskStore(opts.filesDir ?? cfg.filesDir),
          passphrase,
          keySecret: existingKeySecret(cfg),
        });
        console.log(
          `Restored ${result.rows} rows of ${result.tables} tables, ${result.searchEntries} search entries and ${result.files} files ` +
            `(backup of ${result.createdAt} from ${result.sourceDialect}, schema ${result.schema.at(-1)}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
        );
        if (result.keySecretMatches === false)
          console.warn(
            `warning: the key secret here is not the one the issuer keys were stored under (${result.keySecretFingerprint}). ` +
              'Set PATHWAY_KEY_SECRET (or put the old secret file in place) before issuing credentials.',
          );
        if (result.schema.length < MIGRATION_NAMES.length)
          console.log('The backup is of an older schema: run `pathway migrate` to bring it up to this version.');
      } finally {
        await database.close();
      }
    });
}
