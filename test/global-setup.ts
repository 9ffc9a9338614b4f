import pg from 'pg';
import { TEST_POSTGRES_URL } from './postgres-url.ts';

/**
 * Decides once whether the PostgreSQL half of the suite runs. In CI it must: an unreachable
 * server fails the run. Elsewhere (a laptop without PostgreSQL) it is skipped with one line.
 */
export default async function setup({ provide }: { provide: (key: 'postgres', value: boolean) => void }) {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    provide('postgres', true);
  } catch (error) {
    if (inCi()) throw new Error(`CI needs PostgreSQL at ${TEST_POSTGRES_URL}: ${(error as Error).message}`);
    console.warn(
      `\nPostgreSQL is not reachable at ${TEST_POSTGRES_URL}: skipping every PostgreSQL run of the suite.\n`,
    );
    provide('postgres', false);
  } finally {
    await client.end().catch(() => {});
  }
}

/** CI=true (as .ci/run sets it, and every CI service); CI=0 or CI=false is a laptop saying it is not. */
function inCi(): boolean {
  const value = (process.env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: boolean;
  }
}
