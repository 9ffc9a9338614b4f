import pg from 'pg';
import type { Database } from '../../server/db/database.ts';

/** The bare driver under a Database, for the "raw limit" beside each measured speed. */
export interface RawDriver {
  run(sql: string, params: readonly unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
}

export async function rawDriver(database: Database, location: string): Promise<RawDriver> {
  if (database.sqlite) {
    const sqlite = database.sqlite;
    const cache = new Map<string, ReturnType<typeof sqlite.prepare>>();
    return {
      run: async (text, params) => {
        let statement = cache.get(text);
        if (!statement) {
          statement = sqlite.prepare(text);
          cache.set(text, statement);
        }
        const args = params as unknown[];
        return statement.reader ? statement.all(args as never) : [statement.run(args as never)];
      },
      close: async () => {},
    };
  }
  const url = new URL(location);
  const schema = url.searchParams.get('schema');
  url.searchParams.delete('schema');
  const client = new pg.Client({
    connectionString: url.toString(),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  await client.connect();
  return {
    run: async (text, params) => (await client.query(text, params as unknown[])).rows,
    close: () => client.end(),
  };
}
