// From node:timers, not the global: a test that fakes timers must not stop the writer.
import { setImmediate } from 'node:timers';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

type Work<T> = (trx: Transaction<DB>) => Promise<T>;

/**
 * Counts that many writers add to (tallies, totals): rows under equal keys are summed, and `write`
 * adds the sums to what is stored. `write` gets the rows in key order, so that concurrent writers on
 * PostgreSQL lock them in one order.
 */
export interface Deltas<R> {
  key(row: R): string;
  sum(into: R, row: R): void;
  write(db: Kysely<DB>, rows: R[]): Promise<void>;
}

/** What one piece of work added, per kind of deltas: summed rows by key. */
type Staged = Map<Deltas<never>, Map<string, unknown>>;

/** The deltas staged by the work running now in a group's transaction, by that transaction. */
const staging = new WeakMap<Kysely<DB>, Staged>();

function summedOf(staged: Staged, deltas: Deltas<unknown>) {
  let summed = staged.get(deltas as Deltas<never>);
  if (!summed) {
    summed = new Map();
    staged.set(deltas as Deltas<never>, summed);
  }
  return summed;
}

function stage(into: Staged, deltas: Deltas<unknown>, rows: readonly unknown[]) {
  const summed = summedOf(into, deltas);
  for (const row of rows) {
    const key = deltas.key(row);
    const seen = summed.get(key);
    if (seen !== undefined) deltas.sum(seen, row);
    else summed.set(key, { ...(row as object) });
  }
}

/** Adds what one piece of work staged to what its group will write. */
function merge(into: Staged, from: Staged) {
  for (const [deltas, rows] of from) {
    const summed = summedOf(into, deltas as Deltas<unknown>);
    for (const [key, row] of rows) {
      const seen = summed.get(key);
      if (seen !== undefined) (deltas as Deltas<unknown>).sum(seen, row);
      else summed.set(key, row);
    }
  }
}

async function writeStaged(db: Kysely<DB>, staged: Staged) {
  for (const [deltas, summed] of staged) {
    const sorted = [...summed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
    await (deltas as Deltas<unknown>).write(db, sorted);
  }
}

/**
 * Adds `rows` to the counts `deltas` keeps. Inside a group commit (SQLite) they are summed with those
 * of the other work in the group and written once, just before the commit, and only if the work that
 * added them succeeded; elsewhere (PostgreSQL, a transaction of its own) they are summed and written now.
 * Either way they are stored by the commit of the caller's transaction: a reader never sees a half
 * (but the work that adds them does not read them back before its commit on SQLite).
 */
export async function addDeltas<R>(db: Kysely<DB>, deltas: Deltas<R>, rows: readonly R[]) {
  const staged = staging.get(db);
  if (staged) {
    stage(staged, deltas as Deltas<unknown>, rows);
    return;
  }
  const now: Staged = new Map();
  stage(now, deltas as Deltas<unknown>, rows);
  await writeStaged(db, now);
}

/**
 * Adds `rows` to the counts `deltas` keeps now, in the caller's transaction, even inside a group
 * commit: for work that reads the counts back before its commit (folding tallies before reading them).
 */
export async function addDeltasNow<R>(db: Kysely<DB>, deltas: Deltas<R>, rows: readonly R[]) {
  const now: Staged = new Map();
  stage(now, deltas as Deltas<unknown>, rows);
  await writeStaged(db, now);
}

interface Job {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Most requests' work one commit carries: enough to share the commit, few enough to answer soon. */
const MAX_GROUP = 32;

/**
 * Group commit for SQLite, which has one connection and so one writer at a time: transactions
 * asked for while another runs wait in one queue, and the next commit carries all of them. Each
 * request's work runs in its own savepoint inside the shared transaction, in the order asked, so
 * it sees the work before it as a later transaction would; one that fails is rolled back to its
 * savepoint alone and its caller gets the error, the others go on. Every caller is answered only
 * after the commit that holds its work; if that commit fails, all of them get the error. Deltas the
 * successful work added (`addDeltas`) are summed over the group and written once before the commit.
 */
class GroupWriter {
  private readonly queue: Job[] = [];
  private running = false;

  constructor(private readonly db: Kysely<DB>) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /**
   * Better-sqlite3 runs a transaction without giving way to other requests, so work is gathered for
   * one turn of the event loop first: the requests read in that turn join the same commit.
   */
  private async drain() {
    try {
      while (this.queue.length > 0) {
        await this.commitNext();
        await new Promise((next) => setImmediate(next));
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * Takes the work waiting once the transaction holds the connection: whoever asked while it waited
   * for the connection (behind other requests' reads) joins this commit.
   */
  private async commitNext() {
    let group: Job[] = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        group = this.queue.splice(0, MAX_GROUP);
        const committed: Staged = new Map();
        if (group.length === 1) {
          staging.set(trx, committed);
          try {
            outcomes.push({ ok: true, value: await group[0]!.work(trx) });
          } finally {
            staging.delete(trx);
          }
          await writeStaged(trx, committed);
          return;
        }
        for (const [i, job] of group.entries()) {
          const savepoint = sql.raw(`pathway_w${i}`);
          const mine: Staged = new Map();
          await sql`savepoint ${savepoint}`.execute(trx);
          staging.set(trx, mine);
          try {
            const value = await job.work(trx);
            staging.delete(trx);
            await sql`release ${savepoint}`.execute(trx);
            merge(committed, mine);
            outcomes.push({ ok: true, value });
          } catch (error) {
            staging.delete(trx);
            await sql`rollback to ${savepoint}`.execute(trx);
            await sql`release ${savepoint}`.execute(trx);
            outcomes.push({ ok: false, value: error });
          }
        }
        await writeStaged(trx, committed);
      });
    } catch (error) {
      // The transaction could not begin or commit, or the one work in it failed: all of it is undone.
      if (group.length === 0) group = this.queue.splice(0);
      for (const job of group) job.reject(error);
      return;
    }
    for (const [i, job] of group.entries()) {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.value);
    }
  }
}

const writers = new WeakMap<Kysely<DB>, GroupWriter>();

/** Runs `work` in a transaction of `db` committed together with the others waiting (SQLite). */
export function groupCommit<T>(db: Kysely<DB>, work: Work<T>): Promise<T> {
  let writer = writers.get(db);
  if (!writer) {
    writer = new GroupWriter(db);
    writers.set(db, writer);
  }
  return writer.run(work);
}
