import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type Database, migrate, openDatabase } from '../src/server/db/database.ts';
import { TEST_POSTGRES_URL } from './postgres-url.ts';

export type DialectName = 'sqlite' | 'postgres';

/** A fresh, migrated database: in-memory SQLite, or a new schema in the test PostgreSQL. */
export async function freshDatabase(dialect: DialectName): Promise<Database & { location: string }> {
  if (dialect === 'sqlite') {
    const database = openDatabase(':memory:');
    await migrate(database);
    return { ...database, location: ':memory:' };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const location = `${TEST_POSTGRES_URL}${TEST_POSTGRES_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  const database = openDatabase(location);
  await migrate(database);
  return {
    ...database,
    location,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

/**
 * Runs the same tests on SQLite and on PostgreSQL, each on a fresh database for this file.
 * PostgreSQL is skipped only where global setup found no server (never in CI).
 */
export function describeOnEachDatabase(name: string, body: (getDb: () => Database, dialect: DialectName) => void) {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    describe.skipIf(dialect === 'postgres' && !inject('postgres'))(`${name} [${dialect}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await freshDatabase(dialect);
      });
      afterAll(async () => {
        await database?.close();
      });
      body(() => database!, dialect);
    });
  }
}
