import { performance } from 'node:perf_hooks';
import type { Database } from '../../server/db/database.ts';

/** One figure per line, `name value unit`, as the issues ask. */
export function report(name: string, value: number, unit: string) {
  const shown = Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3));
  console.log(`${name} ${shown} ${unit}`);
}

export async function timeIt<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

/** p95 of `runs` calls of `work(i)` in milliseconds, after a few warm-up calls. */
export async function p95(runs: number, work: (i: number) => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 5; i++) await work(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))]!;
}

/**
 * Milliseconds `write(i)` takes without the upkeep and with it, over `turns` alternating turns of
 * `perTurn` writes each (the first turn's writes without, the next with), so a change of load on the
 * machine falls on both sides alike. On SQLite each turn starts with an empty write-ahead log and is
 * timed up to the pages it wrote being copied back into the database (a checkpoint); left to itself,
 * SQLite checkpoints every 10,000 pages in whichever commit crosses the line, and that side pays for
 * the pages of both.
 */
export async function withAndWithoutUpkeep(
  database: Database,
  options: { turns: number; perTurn: number; detach: () => void; attach: () => void },
  write: (i: number) => Promise<unknown>,
): Promise<{ without: number; withUpkeep: number }> {
  const { turns, perTurn } = options;
  const checkpoint = () => database.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  const turn = async (from: number) => {
    checkpoint();
    const { ms } = await timeIt(async () => {
      for (let i = from; i < from + perTurn; i++) await write(i);
      checkpoint();
    });
    return ms;
  };
  let without = 0;
  let withUpkeep = 0;
  for (let t = 0; t < turns; t++) {
    options.detach();
    without += await turn(2 * t * perTurn);
    options.attach();
    withUpkeep += await turn((2 * t + 1) * perTurn);
  }
  return { without, withUpkeep };
}
