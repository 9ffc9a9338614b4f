import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { groupCommit } from '../db/writer.ts';
import type { Grant } from './access.ts';

export interface Actor {
  accountId: string | null;
  personId: string | null;
  username: string;
  grants: Grant[];
  /** The CLI and the demo seeder act as the system: every permission over the whole tenant. */
  system: boolean;
}

/** What every service function receives first. Nothing global. */
export interface Ctx {
  db: Kysely<DB>;
  dialect: Dialect;
  tenantId: string;
  defaultLocale: string;
  locale: string;
  actor: Actor;
  requestId: string | null;
  /** Inside a transaction: work to finish once, just before it commits (see `atCommit`). */
  beforeCommit?: BeforeCommit;
}

/** What a transaction's work asked to finish before the commit; closed once it has been finished. */
export interface BeforeCommit {
  tasks: (() => Promise<void>)[];
  /** Each kind of pending work's accumulator, by its key. */
  pending: Map<object, unknown>;
  open: boolean;
}

export function systemActor(): Actor {
  return { accountId: null, personId: null, username: 'system', grants: [], system: true };
}

/** Told of every outermost transaction: seconds from asking for it (waiting for a connection included) to its end. */
export type TransactionTimer = (seconds: number, outcome: 'commit' | 'rollback') => void;
const transactionTimers = new Set<TransactionTimer>();

/** `/metrics` times transactions here, in the one place they are run; the returned function stops it. */
export function timeTransactions(timer: TransactionTimer): () => void {
  transactionTimers.add(timer);
  return () => transactionTimers.delete(timer);
}

/**
 * Runs `work` in one transaction, joining the caller's if there is one; `work` gets a ctx bound to it.
 * On SQLite (one writer at a time) the transaction is shared with the others waiting to write, each
 * in its own savepoint, and committed once for all of them (src/server/db/writer.ts).
 */
export async function inTransaction<T>(ctx: Ctx, work: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  const run = () =>
    ctx.dialect === 'sqlite'
      ? groupCommit(ctx.db, (trx) => finishing({ ...ctx, db: trx }, work))
      : ctx.db.transaction().execute((trx) => finishing({ ...ctx, db: trx }, work));
  if (transactionTimers.size === 0) return run();
  const started = performance.now();
  let outcome: 'commit' | 'rollback' = 'rollback';
  try {
    const result = await run();
    outcome = 'commit';
    return result;
  } finally {
    const seconds = (performance.now() - started) / 1000;
    for (const timer of transactionTimers) timer(seconds, outcome);
  }
}

/** Runs the work, then what it asked to finish before the commit, in the order asked. */
async function finishing<T>(tx: Ctx, work: (tx: Ctx) => Promise<T>): Promise<T> {
  const beforeCommit: BeforeCommit = { tasks: [], pending: new Map(), open: true };
  const result = await work({ ...tx, beforeCommit });
  for (let task = beforeCommit.tasks.shift(); task; task = beforeCommit.tasks.shift()) await task();
  beforeCommit.open = false;
  return result;
}

/**
 * Work of one kind (`key`) that a transaction's writers leave to be done once, just before it
 * commits: writers that move the same derived figures several times in one transaction (an
 * observation moves a status and practice) bring them up to date once. Returns the transaction's
 * accumulator of that work (made by `start` the first time), which `finish` is given before the
 * commit; or null outside a transaction, or after its work finished, where the caller works at once.
 */
export function pendingAtCommit<P>(
  ctx: Ctx,
  key: object,
  start: () => P,
  finish: (tx: Ctx, pending: P) => Promise<void>,
): P | null {
  const beforeCommit = ctx.beforeCommit;
  if (!beforeCommit?.open) return null;
  if (!beforeCommit.pending.has(key)) {
    const pending = start();
    beforeCommit.pending.set(key, pending);
    beforeCommit.tasks.push(async () => {
      beforeCommit.pending.delete(key);
      await finish(ctx, pending);
    });
  }
  return beforeCommit.pending.get(key) as P;
}

/** The system acting before a tenant is chosen: creating tenants, the CLI, the demo seeder. */
export function systemBase(database: { db: Kysely<DB>; dialect: Dialect }): Omit<Ctx, 'tenantId'> {
  return {
    db: database.db,
    dialect: database.dialect,
    actor: systemActor(),
    requestId: null,
    locale: 'en',
    defaultLocale: 'en',
  };
}
