import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
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
}

export function systemActor(): Actor {
  return { accountId: null, personId: null, username: 'system', grants: [], system: true };
}

/** Runs `work` in one transaction, joining the caller's if there is one; `work` gets a ctx bound to it. */
export async function inTransaction<T>(ctx: Ctx, work: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  return ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }));
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
