/** Latency figures every bench reports the same way. */

/** The p-th percentile of latencies (ms), to 0.01 ms; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[i] ?? Number.NaN) * 100) / 100;
}

/** How many latencies, and their p50, p95 and max. */
export const latencySummary = (v: readonly number[]) => ({
  n: v.length,
  p50: percentile(v, 50),
  p95: percentile(v, 95),
  max: percentile(v, 100),
});
