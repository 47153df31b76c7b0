/** Latency samples in milliseconds, summarised as percentiles (nearest-rank). */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Runs `work` `iterations` times one after another and returns each duration in milliseconds. */
export async function timeEach(
  iterations: number,
  work: (index: number) => Promise<unknown>,
): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < iterations; index++) {
    const started = process.hrtime.bigint();
    await work(index);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

/**
 * Runs each of `works` once per round, one after another, for `rounds` rounds, and returns the
 * durations of each in milliseconds. Interleaving spreads slow drift (JIT warm-up, load from other
 * processes) over all of them alike, so their figures can be compared.
 */
export async function timeInterleaved(
  rounds: number,
  works: readonly (() => Promise<unknown>)[],
): Promise<number[][]> {
  const samples = works.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, work] of works.entries()) {
      const started = process.hrtime.bigint();
      await work();
      samples[index]?.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return samples;
}

export function formatLatency(samples: readonly number[]): string {
  const format = (value: number) => value.toFixed(2);
  return `p50 ${format(percentile(samples, 0.5))} ms, p95 ${format(percentile(samples, 0.95))} ms, p99 ${format(percentile(samples, 0.99))} ms`;
}
