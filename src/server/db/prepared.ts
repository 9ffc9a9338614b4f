import { CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { DB } from './schema.ts';

type Slot = { arg: number } | { value: unknown };

/**
 * A query whose text never changes, only its arguments, for the few that run on every request of a
 * busy route (signing a caller in, answering a survey): built and compiled by Kysely once per
 * dialect, then run with fresh arguments. Building a query of several joins costs more than SQLite
 * takes to answer it. `build` is called once with a marker (a string) in place of each argument;
 * each parameter of the compiled query that is a marker is bound to that argument, any other keeps
 * the value it was built with. Answers the driver's result: its rows, or the rows it changed.
 */
export function preparedQuery<Args extends unknown[], Row>(
  build: (db: Kysely<DB>, ...args: Args) => { compile(): CompiledQuery<Row> },
): (db: Kysely<DB>, ...args: Args) => Promise<QueryResult<Row>> {
  const compiled = new WeakMap<object, { sql: string; slots: Slot[] }>();
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let query = compiled.get(adapter);
    if (!query) {
      const markers = args.map((_, i) => `\u0000argument ${i}\u0000`) as unknown as Args;
      const done = build(db, ...markers).compile();
      const slots = done.parameters.map((p): Slot => {
        const arg = markers.indexOf(p as string);
        return arg >= 0 ? { arg } : { value: p };
      });
      const bound = new Set(slots.flatMap((s) => ('arg' in s ? [s.arg] : [])));
      if (bound.size !== args.length) throw new Error('preparedQuery: an argument is not a parameter of the query');
      query = { sql: done.sql, slots };
      compiled.set(adapter, query);
    }
    const parameters = query.slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
    return db.executeQuery<Row>(CompiledQuery.raw(query.sql, parameters) as CompiledQuery<Row>);
  };
}
