import { type Kysely, type RawBuilder, SqliteAdapter, sql } from 'kysely';
import { batches } from '../shared/batches.ts';
import type { DB } from './schema.ts';

/**
 * A table of running figures: text key columns and one number, added to (`add`) or replaced (`set`);
 * or a table of such rows without a key, appended to (`append`: several rows may share a key).
 */
export interface KeyedTable<Row> {
  table: keyof DB & string;
  key: readonly (keyof Row & string)[];
  amount: keyof Row & string;
  amountType: 'integer' | 'double precision';
  mode: 'add' | 'set' | 'append';
}

/** Rows per statement: the JSON parameter stays a few hundred kilobytes. */
const ROWS_PER_STATEMENT = 5_000;

/**
 * Upserts (or appends) rows into a keyed table with one statement whose text never changes: the
 * rows travel as one JSON parameter (`[[key..., amount], ...]`). The statement is prepared once and no query is
 * built per row, which is most of what the live figures' upkeep otherwise costs a write. Rows go
 * in key order, so concurrent writers on PostgreSQL take the rows' locks in the same order.
 */
export async function upsertByKey<Row>(db: Kysely<DB>, spec: KeyedTable<Row>, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...spec.key, spec.amount];
  const keyed = rows.map((r) => {
    const tuple = columns.map((c) => r[c as keyof Row]);
    return { key: tuple.slice(0, -1).join('\u0000'), tuple };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const tuples = keyed.map((k) => k.tuple);
  const statement = statementOf(db, spec);
  for (const batch of batches(tuples, ROWS_PER_STATEMENT))
    await sql`${statement.head}${JSON.stringify(batch)}${statement.tail}`.execute(db);
}

type Statement = { head: RawBuilder<unknown>; tail: RawBuilder<unknown> };
/** Each table's statement per dialect, made on first use: the specs are constants of their repositories. */
const statements = { sqlite: new WeakMap<object, Statement>(), postgres: new WeakMap<object, Statement>() };

function statementOf<Row>(db: Kysely<DB>, spec: KeyedTable<Row>): Statement {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const made = sqlite ? statements.sqlite : statements.postgres;
  const cached = made.get(spec);
  if (cached) return cached;
  const statement = buildStatement(spec, sqlite);
  made.set(spec, statement);
  return statement;
}

function buildStatement<Row>(spec: KeyedTable<Row>, sqlite: boolean): Statement {
  const columns = [...spec.key, spec.amount];
  const quoted = (c: string) => `"${c}"`;
  const element = (i: number) => (sqlite ? `j.value ->> ${i}` : `(j ->> ${i})`);
  const selected = columns.map((_, i) =>
    i < spec.key.length ? element(i) : sqlite ? element(i) : `${element(i)}::${spec.amountType}`,
  );
  const amount = quoted(spec.amount);
  const update = spec.mode === 'add' ? `${quoted(spec.table)}.${amount} + excluded.${amount}` : `excluded.${amount}`;
  const conflict = `on conflict (${spec.key.map(quoted).join(', ')}) do update set ${amount} = ${update}`;
  const source = sqlite ? 'json_each(' : 'json_array_elements(';
  const cast = sqlite ? ')' : '::json)';
  // `where true` tells SQLite's parser the `on conflict` belongs to the insert, not to a join.
  return {
    head: sql.raw(
      `insert into ${quoted(spec.table)} (${columns.map(quoted).join(', ')}) select ${selected.join(', ')} from ${source}`,
    ),
    tail: sql.raw(`${cast} j where true ${spec.mode === 'append' ? '' : conflict}`),
  };
}
