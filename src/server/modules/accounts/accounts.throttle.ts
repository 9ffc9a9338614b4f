import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import * as repo from './accounts.repo.ts';

/**
 * Sign-in throttling, kept in the database so that every server process behind a load balancer
 * counts the same attempts. Two limits, neither a fixed lockout of the rightful user:
 *
 * - Per address, failures only: ADDRESS_FAILURES failed sign-ins in a window of ADDRESS_WINDOW_MS,
 *   then every attempt from that address is refused until the window ends. One address spraying
 *   passwords over many usernames stops there; a school behind one NAT address is untouched by its
 *   users' successes and stopped by a flood for at most the rest of one window.
 * - Per username tried (existing or not), across addresses: after ACCOUNT_FREE_FAILURES failures
 *   in a row, each further attempt waits 1 s, 2 s, 4 s ... up to ACCOUNT_MAX_DELAY_MS before it is
 *   even checked. The rightful user elsewhere waits at most the current delay; a success resets it.
 *
 * Every attempt is counted as a failure before the password is checked (an atomic increment while
 * an address is well under its limit, else a compare-and-set on the row, so concurrent attempts
 * cannot all slip through one free slot) and given back when it
 * succeeds. Each statement runs on its own, outside any transaction.
 */
export const ADDRESS_FAILURES = 30;
export const ADDRESS_WINDOW_MS = 10 * 60_000;
export const ACCOUNT_FREE_FAILURES = 5;
export const ACCOUNT_MAX_DELAY_MS = 5 * 60_000;
/** A username's failures are forgotten a day after the last one (and its row pruned). */
export const FORGET_AFTER_MS = 24 * 3600_000;

export const addressKey = (ip: string) => `addr:${ip}`;
export const accountKey = (username: string) => `acct:${username}`;

/** How long the attempt after the `failures`-th failure in a row must wait. */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - ACCOUNT_FREE_FAILURES), ACCOUNT_MAX_DELAY_MS);
}

/** A counted attempt, or how long to wait before the next one is checked. */
export type Claim = { held: repo.ThrottleRow } | { retryAfterMs: number };
type Step = { next: repo.ThrottleRow } | { retryAfterMs: number };

const iso = (ms: number) => new Date(ms).toISOString();

function addressStep(key: string, row: repo.ThrottleRow | undefined, now: number): Step {
  const current = row && Date.parse(row.window_start) > now - ADDRESS_WINDOW_MS ? row : undefined;
  const windowStart = current ? Date.parse(current.window_start) : now;
  const windowEnd = windowStart + ADDRESS_WINDOW_MS;
  const counted = current?.failures ?? 0;
  if (counted >= ADDRESS_FAILURES) return { retryAfterMs: windowEnd - now };
  const failures = counted + 1;
  return {
    next: {
      key,
      failures,
      window_start: iso(windowStart),
      next_allowed_at: failures >= ADDRESS_FAILURES ? iso(windowEnd) : null,
      updated_at: iso(now),
    },
  };
}

function accountStep(key: string, row: repo.ThrottleRow | undefined, now: number): Step {
  const allowedAt = row?.next_allowed_at ? Date.parse(row.next_allowed_at) : 0;
  if (allowedAt > now) return { retryAfterMs: allowedAt - now };
  const remembered = row && Date.parse(row.updated_at) > now - FORGET_AFTER_MS ? row : undefined;
  const failures = (remembered?.failures ?? 0) + 1;
  const delay = accountDelayMs(failures);
  return {
    next: {
      key,
      failures,
      window_start: remembered?.window_start ?? iso(now),
      next_allowed_at: delay ? iso(now + delay) : null,
      updated_at: iso(now),
    },
  };
}

/**
 * Counts one attempt under `key` unless its limit refuses it; retries when another request wrote
 * first. `fastPath`, when given, is tried at each round before the compare-and-set.
 */
async function claim(
  db: Kysely<DB>,
  key: string,
  now: Date,
  step: (key: string, row: repo.ThrottleRow | undefined, now: number) => Step,
  fastPath?: () => Promise<repo.ThrottleRow | undefined>,
): Promise<Claim> {
  for (let tries = 0; tries < 5; tries++) {
    const bumped = await fastPath?.();
    if (bumped) return { held: bumped };
    const row = await repo.getThrottle(db, key);
    const decided = step(key, row, now.getTime());
    if ('retryAfterMs' in decided) return decided;
    if (row ? await repo.replaceThrottle(db, row, decided.next) : await repo.insertThrottle(db, decided.next)) {
      // A new key is the moment to clear out keys nobody has tried for a day (sprayed usernames).
      if (!row) await repo.pruneThrottles(db, iso(now.getTime() - FORGET_AFTER_MS));
      return { held: decided.next };
    }
  }
  // Still contended after several rounds: many attempts at once under one key; let this one wait.
  return { retryAfterMs: 1000 };
}

/** An address well under its limit is counted by one atomic increment: a school's NAT never contends. */
export function claimAddress(db: Kysely<DB>, ip: string, now: Date): Promise<Claim> {
  const key = addressKey(ip);
  const windowOpenAfter = iso(now.getTime() - ADDRESS_WINDOW_MS);
  const bump = () => repo.bumpThrottle(db, key, windowOpenAfter, ADDRESS_FAILURES, iso(now.getTime()));
  return claim(db, key, now, addressStep, bump);
}

export const claimAccount = (db: Kysely<DB>, username: string, now: Date) =>
  claim(db, accountKey(username), now, accountStep);

/** The address's attempt was not a failure after all (refused for the account, or signed in). */
export function releaseAddress(db: Kysely<DB>, held: repo.ThrottleRow): Promise<void> {
  return repo.uncountThrottle(db, held.key, held.window_start);
}

/** A successful sign-in: the username's failures are forgotten and the address's attempt given back. */
export async function signedIn(db: Kysely<DB>, username: string, address: repo.ThrottleRow): Promise<void> {
  await repo.deleteThrottle(db, accountKey(username));
  await releaseAddress(db, address);
}
