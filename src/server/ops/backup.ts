import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { appliedMigrations, type Database } from '../db/database.ts';
import { newId, nowIso } from '../shared/ids.ts';
import type { FileStore } from '../shared/storage.ts';
import {
  type ArchiveWriter,
  encodeValue,
  FORMAT,
  FORMAT_VERSION,
  SEARCH_COLUMNS,
  type Value,
  writeArchive,
} from './archive.ts';
import { parentsFirst, postgresCatalogue, quote, sqliteCatalogue, type TableInfo } from './catalogue.ts';
import { postgresSearchEntries, sqliteSearchEntries } from './search-index.ts';

/** Files are found through the rows that name them: every column called storage_key. */
const FILE_KEY_COLUMN = 'storage_key';
const PAGE = 5000;

/**
 * Names the key secret (which encrypts issuer signing keys) without revealing it: a restore says
 * whether the secret configured there is the one the backup's keys need.
 */
export function keySecretFingerprint(secret: string): string {
  return `hmac-sha256:${createHmac('sha256', secret).update('pathway key secret fingerprint').digest('hex').slice(0, 32)}`;
}

export interface BackupResult {
  out: string;
  bytes: number;
  tables: number;
  rows: number;
  files: number;
  missingFiles: string[];
  encrypted: boolean;
  createdAt: string;
  /** False when the database predates the backup_record table (its migrations have not run). */
  recorded: boolean;
}

/** What a consistent snapshot offers the writer, whichever dialect it comes from. */
interface Snapshot {
  tables: TableInfo[];
  counts: Map<string, number>;
  rows(table: TableInfo): AsyncIterable<unknown[]>;
  search(): AsyncIterable<Value[]>;
}

/**
 * Takes a consistent copy of the whole database and of the files its rows name, while the server
 * runs. SQLite: the online backup API copies the database to a private temporary file, read through
 * its own connection (writes through the server's connection carry into the copy, or restart it).
 * PostgreSQL: everything is read in one REPEATABLE READ READ ONLY transaction.
 */
export async function backup(
  database: Database,
  options: { out: string; files: FileStore; passphrase?: string | null; keySecret?: string | null },
): Promise<BackupResult> {
  const schema = await appliedMigrations(database);
  const createdAt = nowIso();
  const fileKeys = new Set<string>();
  let rowsTotal = 0;

  const write = (snapshot: Snapshot) =>
    writeArchive(options.out, options.passphrase ?? null, async (writer: ArchiveWriter) => {
      const tables = parentsFirst(snapshot.tables);
      await writer.header({
        kind: 'header',
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        schema,
        dialect: database.dialect,
        createdAt,
        keySecretFingerprint: options.keySecret ? keySecretFingerprint(options.keySecret) : null,
        tables: tables.map((t) => ({ name: t.name, rows: snapshot.counts.get(t.name) ?? 0 })),
      });
      for (const table of tables) {
        const keyAt = table.columns.indexOf(FILE_KEY_COLUMN);
        await writer.beginTable(table.name, table.columns);
        for await (const row of snapshot.rows(table)) {
          if (keyAt >= 0 && typeof row[keyAt] === 'string' && row[keyAt] !== '') fileKeys.add(row[keyAt] as string);
          await writer.row(row.map(encodeValue));
          rowsTotal++;
        }
        await writer.endTable(table.name);
      }
      await writer.beginTable('', SEARCH_COLUMNS, 'search');
      for await (const entry of snapshot.search()) await writer.row(entry.map(encodeValue));
      await writer.endSearch();
      for (const key of [...fileKeys].sort()) {
        let bytes: Buffer;
        try {
          bytes = await options.files.get(key);
        } catch (error) {
          // Removed since the snapshot (a replaced or deleted file) or lost: said, not fatal.
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          writer.manifest.missingFiles.push(key);
          continue;
        }
        await writer.file(key, bytes);
      }
      await writer.finish();
    });

  const written =
    database.dialect === 'sqlite' ? await fromSqlite(database, write) : await fromPostgres(database, write);
  const result = {
    out: options.out,
    bytes: written.bytes,
    tables: written.manifest.tables.length,
    rows: rowsTotal,
    files: written.manifest.files.length,
    missingFiles: written.manifest.missingFiles,
    encrypted: options.passphrase != null,
    createdAt,
  };
  const recorded = schema.includes('0029_backup_record');
  if (recorded)
    await database.db
      .insertInto('backup_record')
      .values({
        id: newId(),
        created_at: createdAt,
        dialect: database.dialect,
        tables: result.tables,
        rows: result.rows,
        files: result.files,
        bytes: result.bytes,
        encrypted: result.encrypted ? 1 : 0,
      })
      .execute();
  return { ...result, recorded };
}

async function fromSqlite<T>(database: Database, write: (snapshot: Snapshot) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-backup-'));
  fs.chmodSync(dir, 0o700);
  const copyFile = path.join(dir, 'copy.sqlite');
  try {
    // Large steps: the copy is taken in one go rather than restarted by every write between steps.
    await database.sqlite!.backup(copyFile, { progress: () => 1 << 30 });
    const copy = new SQLite(copyFile, { readonly: true });
    try {
      const tables = sqliteCatalogue(copy);
      const counts = new Map(
        tables.map((t) => [
          t.name,
          (copy.prepare(`select count(*) as n from ${quote(t.name)}`).get() as { n: number }).n,
        ]),
      );
      return await write({
        tables,
        counts,
        async *rows(table) {
          const order = (table.primaryKey.length ? table.primaryKey : table.columns).map(quote).join(', ');
          yield* copy
            .prepare(`select ${table.columns.map(quote).join(', ')} from ${quote(table.name)} order by ${order}`)
            .raw(true)
            .iterate() as Iterable<unknown[]>;
        },
        async *search() {
          yield* sqliteSearchEntries(copy);
        },
      });
    } finally {
      copy.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function fromPostgres<T>(database: Database, write: (snapshot: Snapshot) => Promise<T>): Promise<T> {
  return database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      // biome-ignore lint/suspicious/noExplicitAny: tables are read by name from the catalogue.
      const db = trx as unknown as Kysely<any>;
      const tables = await postgresCatalogue(db);
      const counts = new Map<string, number>();
      for (const t of tables) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t.name)}`.execute(db);
        counts.set(t.name, rows[0]!.n);
      }
      return write({
        tables,
        counts,
        async *rows(table) {
          // Keyset pages in key order: the snapshot holds still, so no page overlaps another.
          const key = table.primaryKey.length ? table.primaryKey : table.columns;
          const select = sql.join(table.columns.map((c) => sql.ref(c)));
          const order = sql.join(key.map((c) => sql.ref(c)));
          let after: unknown[] | null = null;
          let offset = 0;
          for (;;) {
            const where: ReturnType<typeof sql> =
              after && table.primaryKey.length
                ? sql`where (${order}) > (${sql.join(after.map((v) => sql`${v}`))})`
                : sql``;
            const skip = table.primaryKey.length ? sql`` : sql`offset ${offset}`;
            const { rows } = await sql<Record<string, unknown>>`select ${select} from ${sql.table(table.name)} ${where}
              order by ${order} limit ${PAGE} ${skip}`.execute(db);
            for (const row of rows) yield table.columns.map((c) => row[c]);
            if (rows.length < PAGE) return;
            const last = rows[rows.length - 1]!;
            after = key.map((c) => last[c]);
            offset += rows.length;
          }
        },
        async *search() {
          yield* await postgresSearchEntries(db);
        },
      });
    });
}
