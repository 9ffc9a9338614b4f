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
  /** Inside a transaction: what it remembers (`transactionMemo`). */
  transactionMemo?: Map<object, unknown>;
  /** Inside `gatheringUpkeep`: the upkeep asked for so far, done once at its end. */
  upkeep?: Map<object, { state: unknown; run: (ctx: Ctx) => Promise<void> }>;
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
      ? groupCommit(ctx.db, (trx) => work({ ...ctx, db: trx, transactionMemo: new Map() }))
      : ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx, transactionMemo: new Map() }));
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

/**
 * What a transaction remembers under `key` (made by `create` the first time it is asked for), for
 * lookups repeated by several writers within it; null outside a transaction, where callers look up
 * afresh. It goes with the transaction: a rolled-back one's is forgotten.
 */
export function transactionMemo<M>(ctx: Ctx, key: object, create: () => M): M | null {
  const memo = ctx.transactionMemo;
  if (!memo) return null;
  if (!memo.has(key)) memo.set(key, create());
  return memo.get(key) as M;
}

/**
 * Runs `work` in a transaction (joining the caller's) where upkeep that several announcements of
 * one write would each ask for is gathered (`gatheredUpkeep`) and done once, after `work` and
 * before the transaction ends: an observation moves a rating and the teacher's practice, and the
 * teacher's facts are refreshed once for both. Nothing in `work` may read what that upkeep writes.
 */
export function gatheringUpkeep<T>(ctx: Ctx, work: (tx: Ctx) => Promise<T>): Promise<T> {
  return inTransaction(ctx, async (tx) => {
    if (tx.upkeep) return work(tx);
    const upkeep: NonNullable<Ctx['upkeep']> = new Map();
    const result = await work({ ...tx, upkeep });
    for (const { run } of upkeep.values()) await run(tx);
    return result;
  });
}

/**
 * Inside `gatheringUpkeep`: the state gathered under `key` so far (made by `create` the first
 * time), which `run` acts on at the end; null elsewhere, where callers act at once.
 */
export function gatheredUpkeep<S>(
  ctx: Ctx,
  key: object,
  create: () => S,
  run: (ctx: Ctx, state: S) => Promise<void>,
): S | null {
  const upkeep = ctx.upkeep;
  if (!upkeep) return null;
  if (!upkeep.has(key)) {
    const state = create();
    upkeep.set(key, { state, run: (tx) => run(tx, state) });
  }
  return upkeep.get(key)!.state as S;
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
