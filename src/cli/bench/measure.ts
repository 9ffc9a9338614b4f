import { performance } from 'node:perf_hooks';

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
