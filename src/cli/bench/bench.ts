import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import pg from 'pg';
import { type Database, migrate, openDatabase } from '../../server/db/database.ts';
import { assessmentBench } from './assessment.ts';
import { communityBench } from './community.ts';
import { monitoringBench } from './monitoring.ts';
import { practiceBench } from './practice.ts';
import { rosterBench } from './roster.ts';
import { surveysBench } from './surveys.ts';
import { uploadsBench } from './uploads.ts';

const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

type Bench = (database: Database, location: string, teachers: number) => Promise<void>;
const BENCHES: Record<string, Bench> = {
  roster: rosterBench,
  assessment: assessmentBench,
  monitoring: monitoringBench,
  practice: practiceBench,
  uploads: uploadsBench,
  surveys: surveysBench,
  community: communityBench,
};

async function onSqlite(teachers: number, benches: Bench[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-bench-'));
  try {
    for (const bench of benches) {
      const file = path.join(dir, `${randomBytes(4).toString('hex')}.sqlite`);
      const database = openDatabase(file);
      await migrate(database);
      await bench(database, file, teachers);
      await database.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(teachers: number, url: string, benches: Bench[]) {
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`# PostgreSQL is not reachable at ${url} (${(error as Error).message}): PostgreSQL figures skipped.`);
    return;
  }
  try {
    for (const bench of benches) {
      const schema = `bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`create schema ${schema}`);
      const location = `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;
      const database = openDatabase(location);
      try {
        await migrate(database);
        await bench(database, location, teachers);
      } finally {
        await database.close();
        await admin.query(`drop schema ${schema} cascade`);
      }
    }
  } finally {
    await admin.end();
  }
}

export function registerBenchCommand(program: Command, parseCount: (value: string) => number) {
  program
    .command('bench')
    .description('Print the benchmark figures the issues ask for, one `name value unit` per line.')
    .option('--teachers <n>', 'Teachers to load', parseCount, 1_000_000)
    .option('--sqlite-only', 'Skip the PostgreSQL figures')
    .option('--postgres-only', 'Skip the SQLite figures')
    .option('--only <names>', `Run only these benchmarks (comma-separated: ${Object.keys(BENCHES).join(', ')})`)
    .option(
      '--postgres <url>',
      'PostgreSQL server for the PostgreSQL figures',
      process.env.PATHWAY_BENCH_POSTGRES ?? DEFAULT_POSTGRES,
    )
    .action(
      async (opts: {
        teachers: number;
        sqliteOnly?: boolean;
        postgresOnly?: boolean;
        postgres: string;
        only?: string;
      }) => {
        if (opts.sqliteOnly && opts.postgresOnly) throw new Error('Give --sqlite-only or --postgres-only, not both.');
        const names = opts.only ? opts.only.split(',') : Object.keys(BENCHES);
        const unknown = names.filter((n) => !BENCHES[n]);
        if (unknown.length) throw new Error(`Unknown benchmark ${unknown.join(', ')}.`);
        const benches = names.map((n) => BENCHES[n]!);
        console.log(
          `# Pathway benchmark, ${opts.teachers} teachers, ${os.cpus().length} cores, node ${process.version}`,
        );
        if (!opts.postgresOnly) await onSqlite(opts.teachers, benches);
        if (!opts.sqliteOnly) await onPostgres(opts.teachers, opts.postgres, benches);
      },
    );
}
