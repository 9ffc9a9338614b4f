import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../shared/context.ts';
import { foldTallies } from './tally.ts';

/** How long after a round's first waiting submission its submissions are folded. */
export const FOLD_DELAY_MS = 5000;

/**
 * Folds a round's submissions a few seconds after they come in (`foldTallies`), in the server's
 * spare time, so that the next reader of its results waits for those of the last few seconds at
 * most, not for every submission since the round was last read. Submissions during the wait join
 * the same fold. A fold that fails is logged and left to the next reader, who folds before reading.
 */
export class FoldSchedule {
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly log: FastifyBaseLogger,
    private readonly delayMs = FOLD_DELAY_MS,
  ) {}

  /** Folds `roundId` after the delay, unless a fold of it is waiting already. */
  after(ctx: Ctx, roundId: string) {
    const key = `${ctx.tenantId}/${roundId}`;
    if (this.waiting.has(key)) return;
    const timer = setTimeout(() => {
      this.waiting.delete(key);
      const fold = foldTallies(ctx, roundId)
        .catch((error: Error) => this.log.warn({ roundId, error: error.message }, 'survey fold failed'))
        .finally(() => this.running.delete(fold));
      this.running.add(fold);
    }, this.delayMs);
    timer.unref();
    this.waiting.set(key, timer);
  }

  /** Drops the folds not yet begun and waits for those running: before the database closes. */
  async close() {
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    await Promise.all(this.running);
  }
}
