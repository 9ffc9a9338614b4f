// From node:timers, not the global: a test that fakes timers must not stop the writer.
import { setImmediate } from 'node:timers';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

type Work<T> = (trx: Transaction<DB>) => Promise<T>;

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
 * after the commit that holds its work; if that commit fails, all of them get the error.
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
   * one turn of the event loop first: the requests read in that turn join the same commit. After a
   * commit that carried several requests (others are writing), one more turn is given: the callers
   * just answered are often the next to write, and a commit costs by the pages it writes, which
   * requests of one commit share (index pages of the same round, say). Alone, a request waits no more.
   */
  private async drain() {
    try {
      while (this.queue.length > 0) {
        const carried = await this.commitNext();
        await nextTurn();
        if (carried > 1) await nextTurn();
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * Takes the work waiting once the transaction holds the connection: whoever asked while it waited
   * for the connection (behind other requests' reads) joins this commit.
   */
  private async commitNext(): Promise<number> {
    let group: Job[] = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        group = this.queue.splice(0, MAX_GROUP);
        if (group.length === 1) {
          outcomes.push({ ok: true, value: await group[0]!.work(trx) });
          return;
        }
        for (const [i, job] of group.entries()) {
          const savepoint = sql.raw(`pathway_w${i}`);
          await sql`savepoint ${savepoint}`.execute(trx);
          try {
            const value = await job.work(trx);
            await sql`release ${savepoint}`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to ${savepoint}`.execute(trx);
            await sql`release ${savepoint}`.execute(trx);
            outcomes.push({ ok: false, value: error });
          }
        }
      });
    } catch (error) {
      // The transaction could not begin or commit, or the one work in it failed: all of it is undone.
      if (group.length === 0) group = this.queue.splice(0);
      for (const job of group) job.reject(error);
      return group.length;
    }
    for (const [i, job] of group.entries()) {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.value);
    }
    return group.length;
  }
}

const nextTurn = () => new Promise((next) => setImmediate(next));

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
