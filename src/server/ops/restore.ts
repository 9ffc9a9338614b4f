import { type Kysely, sql } from 'kysely';
import { appliedMigrations, type Database, MIGRATION_NAMES, migrate, refuseNewerSchema } from '../db/database.ts';
import { rowsPerStatement, writeInBatches } from '../shared/batches.ts';
import { AppError } from '../shared/errors.ts';
import type { FileStore } from '../shared/storage.ts';
import { decodeValue, type Header, readArchive, type Value } from './archive.ts';
import { keySecretFingerprint } from './backup.ts';
import { catalogue, rowsParentsFirst, type TableInfo } from './catalogue.ts';
import { writeSearchEntries } from './search-index.ts';

// biome-ignore lint/suspicious/noExplicitAny: rows are written by table name from the archive.
type AnyDb = Kysely<any>;

export interface RestoreResult {
  sourceDialect: string;
  createdAt: string;
  schema: string[];
  tables: number;
  rows: number;
  files: number;
  searchEntries: number;
  /** null when the backup named no key secret; false when the configured one is another (or none). */
  keySecretMatches: boolean | null;
  keySecretFingerprint: string | null;
}

/**
 * Restores a backup into an empty database: the whole file is read and checked first (hashes,
 * counts, its end, the passphrase), then the schema version and the target are checked, then the
 * target is migrated to the backup's version and every row, index entry and file is written in
 * one transaction. Any fault before the commit leaves the database and the file store as they were
 * (an empty target may be left migrated, never with rows).
 */
export async function restore(
  file: string,
  database: Database,
  options: { files: FileStore; passphrase?: string | null; keySecret?: string | null },
): Promise<RestoreResult> {
  const passphrase = options.passphrase ?? null;
  const { header, manifest } = await readArchive(file, passphrase);
  refuseUnknownSchema(header);
  await refuseNewerSchema(database);
  const applied = await appliedMigrations(database);
  if (applied.length > header.schema.length || applied.some((name, i) => header.schema[i] !== name))
    throw new AppError(
      'restore_target_schema_newer',
      `The target database is at migration ${applied.at(-1)}, past the backup's ${header.schema.at(-1)}: restore into a blank database.`,
      { target: applied.at(-1), backup: header.schema.at(-1) },
    );
  if (applied.length > 0) await refuseNonEmpty(database);
  await migrate(database, { to: header.schema.at(-1)! });

  const target = new Map(
    (await catalogue(database.db as unknown as AnyDb, database.dialect, database.sqlite)).map((t) => [t.name, t]),
  );
  for (const { name } of header.tables) if (!target.has(name)) throw unknownTable(name);

  const written: string[] = [];
  let rows = 0;
  let searchEntries = 0;
  try {
    await database.db.transaction().execute(async (trx) => {
      const db = trx as unknown as AnyDb;
      // A table referencing itself is written whole, each row after the one it names.
      let held: { table: TableInfo; columns: string[]; rows: Value[][] } | undefined;
      const insert = async (table: TableInfo, columns: string[], batch: Value[][]) => {
        const objects = batch.map((row) => Object.fromEntries(columns.map((c, i) => [c, decodeValue(row[i]!)])));
        await writeInBatches(objects, rowsPerStatement(columns.length), (slice) =>
          db.insertInto(table.name).values(slice).execute(),
        );
        rows += batch.length;
      };
      await readArchive(file, passphrase, async (event) => {
        switch (event.kind) {
          case 'table': {
            const table = target.get(event.name);
            if (!table) throw unknownTable(event.name);
            const unknown = event.columns.filter((c) => !table.columns.includes(c));
            if (unknown.length > 0)
              throw new AppError(
                'backup_invalid',
                `Table ${event.name} in the backup has columns the schema lacks: ${unknown.join(', ')}.`,
                {
                  table: event.name,
                  columns: unknown,
                },
              );
            if (table.foreignKeys.some((fk) => fk.references === table.name))
              held = { table, columns: event.columns, rows: [] };
            return;
          }
          case 'rows': {
            if (held) held.rows.push(...event.rows);
            else await insert(target.get(event.name)!, event.columns, event.rows);
            return;
          }
          case 'table_end': {
            if (!held) return;
            const self = held.table.foreignKeys.filter((fk) => fk.references === held!.table.name);
            await insert(held.table, held.columns, rowsParentsFirst(held.rows, held.columns, self));
            held = undefined;
            return;
          }
          case 'search_rows':
            await writeSearchEntries(db, database.dialect, event.rows);
            searchEntries += event.rows.length;
            return;
          case 'file':
            written.push(event.key);
            await options.files.put(event.key, event.bytes);
            return;
        }
      });
    });
  } catch (error) {
    for (const key of written) await options.files.remove(key).catch(() => undefined);
    throw error;
  }
  return {
    sourceDialect: header.dialect,
    createdAt: header.createdAt,
    schema: header.schema,
    tables: header.tables.length,
    rows,
    files: manifest.files.length,
    searchEntries,
    keySecretFingerprint: header.keySecretFingerprint,
    keySecretMatches:
      header.keySecretFingerprint === null
        ? null
        : options.keySecret != null && keySecretFingerprint(options.keySecret) === header.keySecretFingerprint,
  };
}

function refuseUnknownSchema(header: Header) {
  const schema = header.schema;
  if (!Array.isArray(schema) || schema.length === 0)
    throw new AppError('backup_invalid', 'This file is not a readable Pathway backup: it names no schema version.');
  const known = schema.every((name, i) => MIGRATION_NAMES[i] === name);
  if (!known)
    throw new AppError(
      'backup_schema_unknown',
      `The backup was taken at schema ${schema.at(-1)}, which this version of Pathway does not know (it knows up to ${MIGRATION_NAMES.at(-1)}).`,
      { backup: schema.at(-1), code: MIGRATION_NAMES.at(-1) },
    );
}

async function refuseNonEmpty(database: Database) {
  const tables = await catalogue(database.db as unknown as AnyDb, database.dialect, database.sqlite);
  for (const table of tables) {
    const { rows } = await sql<{ one: number }>`select 1 as one from ${sql.table(table.name)} limit 1`.execute(
      database.db,
    );
    if (rows.length > 0)
      throw new AppError(
        'restore_target_not_empty',
        `The target database is not empty (table ${table.name} has rows).`,
        {
          table: table.name,
        },
      );
  }
}

const unknownTable = (name: string) =>
  new AppError('backup_invalid', `This file is not a readable Pathway backup: table ${name} is not in the schema.`, {
    table: name,
  });
