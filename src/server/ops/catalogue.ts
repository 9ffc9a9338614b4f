import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../db/database.ts';

/*
 * The tables a backup holds, read from the database's own catalogue: every base table but the
 * migrator's own (the schema version is the list of migrations, carried in the header) and the
 * full-text indexes, which each dialect stores its own way (FTS5 tables on SQLite, tsvector columns
 * and `community_search` on PostgreSQL) and which travel as folded text (see search.ts).
 */

export interface ForeignKey {
  references: string;
  from: string[];
  to: string[];
}

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

// Derived from the search entries, which travel on their own: community_search (PostgreSQL's index),
// search_word (SQLite's list of indexed words, rebuilt by writeSearchEntries).
const LEFT_OUT = new Set(['kysely_migration', 'kysely_migration_lock', 'community_search', 'search_word']);

// biome-ignore lint/suspicious/noExplicitAny: the catalogue is read without the app's table types.
type AnyDb = Kysely<any>;

/** The tables of a SQLite database (a raw handle: the backup reads a copy through its own connection). */
export function sqliteCatalogue(sqlite: SQLite.Database): TableInfo[] {
  const names = (
    sqlite
      .prepare(
        `select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite_%' order by name`,
      )
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    .filter((name) => !LEFT_OUT.has(name));
  return names.map((name) => {
    const columns = sqlite.prepare('select name, pk from pragma_table_info(?) order by cid').all(name) as {
      name: string;
      pk: number;
    }[];
    const primaryKey = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const keys = sqlite
      .prepare('select id, seq, "table", "from", "to" from pragma_foreign_key_list(?) order by id, seq')
      .all(name) as { id: number; table: string; from: string; to: string | null }[];
    const foreignKeys = new Map<number, ForeignKey>();
    for (const k of keys) {
      const fk = foreignKeys.get(k.id) ?? { references: k.table, from: [], to: [] };
      fk.from.push(k.from);
      if (k.to) fk.to.push(k.to);
      foreignKeys.set(k.id, fk);
    }
    return { name, columns: columns.map((c) => c.name), primaryKey, foreignKeys: [...foreignKeys.values()] };
  });
}

/** The tables of the PostgreSQL schema in use (the search path's first), without tsvector columns. */
export async function postgresCatalogue(db: AnyDb): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const columns = await sql<{ table: string; name: string; type: string }>`select table_name as table,
    column_name as name, data_type as type from information_schema.columns
    where table_schema = current_schema() order by table_name, ordinal_position`.execute(db);
  const keys = await sql<{ table: string; name: string }>`select t.relname::text as table, a.attname::text as name
    from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace ns on ns.oid = t.relnamespace
    cross join lateral unnest(i.indkey::int2[]) with ordinality k(attnum, n)
    join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
    where i.indisprimary and ns.nspname = current_schema() order by t.relname, k.n`.execute(db);
  const foreign = await sql<{ table: string; references: string; from: string[]; to: string[] }>`select
      (select relname::text from pg_class where oid = c.conrelid) as table,
      (select relname::text from pg_class where oid = c.confrelid) as references,
      (select array_agg(a.attname::text order by k.n) from unnest(c.conkey) with ordinality k(attnum, n)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as from,
      (select array_agg(a.attname::text order by k.n) from unnest(c.confkey) with ordinality k(attnum, n)
        join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum) as to
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = current_schema() order by c.conname`.execute(db);
  return tables.rows
    .map((t) => t.name)
    .filter((name) => !LEFT_OUT.has(name))
    .map((name) => ({
      name,
      columns: columns.rows.filter((c) => c.table === name && c.type !== 'tsvector').map((c) => c.name),
      primaryKey: keys.rows.filter((k) => k.table === name).map((k) => k.name),
      foreignKeys: foreign.rows
        .filter((f) => f.table === name)
        .map((f) => ({ references: f.references, from: f.from, to: f.to })),
    }));
}

export function catalogue(db: AnyDb, dialect: Dialect, sqlite?: SQLite.Database): Promise<TableInfo[]> {
  if (dialect === 'sqlite') return Promise.resolve(sqliteCatalogue(sqlite!));
  return postgresCatalogue(db);
}

/** Tables in an order where every table comes after the ones it references (a table referencing itself aside). */
export function parentsFirst(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const out: TableInfo[] = [];
  const visiting = new Set<string>();
  const place = (table: TableInfo) => {
    if (placed.has(table.name) || visiting.has(table.name)) return;
    visiting.add(table.name);
    for (const fk of table.foreignKeys) {
      const parent = byName.get(fk.references);
      if (parent && parent.name !== table.name) place(parent);
    }
    visiting.delete(table.name);
    placed.add(table.name);
    out.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) place(table);
  return out;
}

/**
 * The rows of a table that references itself (an org unit's parent), each after the row it
 * references, so the insert passes a foreign key that is checked at once (PostgreSQL's are).
 */
export function rowsParentsFirst<T extends unknown[]>(rows: T[], columns: string[], selfKeys: ForeignKey[]): T[] {
  if (selfKeys.length === 0) return rows;
  const index = (names: string[]) => names.map((n) => columns.indexOf(n));
  const keyOf = (row: T, at: number[]) =>
    at.some((i) => row[i] === null) ? null : JSON.stringify(at.map((i) => row[i]));
  const refs = selfKeys.map((fk) => ({ from: index(fk.from), to: index(fk.to) }));
  const byKey = refs.map((r) => new Map(rows.map((row) => [keyOf(row, r.to), row])));
  const done = new Set<T>();
  const out: T[] = [];
  const place = (row: T, depth: number) => {
    if (done.has(row) || depth > rows.length) return;
    refs.forEach((r, i) => {
      const parentKey = keyOf(row, r.from);
      const parent = parentKey === null ? undefined : byKey[i]!.get(parentKey);
      if (parent && parent !== row) place(parent, depth + 1);
    });
    if (done.has(row)) return;
    done.add(row);
    out.push(row);
  };
  for (const row of rows) place(row, 0);
  return out;
}

export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
