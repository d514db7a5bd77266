/** Statistics for the benchmark: every figure is a median with its spread, never one run. */

export type Summary = {
  n: number;
  median: number;
  /** Interquartile range (linear interpolation between order statistics). */
  q1: number;
  q3: number;
  min: number;
  max: number;
};

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

/** Median, quartiles and range of the samples (NaN fields for none). */
export function summarize(samples: readonly number[]): Summary {
  const sorted = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** A summary scaled by a constant (unit conversion). */
export function scaleSummary(s: Summary, k: number): Summary {
  return { n: s.n, median: s.median * k, q1: s.q1 * k, q3: s.q3 * k, min: s.min * k, max: s.max * k };
}

/**
 * Ours over a baseline measured in the same run, repetition by repetition (the i-th of each was
 * run next to each other): the median of the pairwise ratios and their range.
 */
export function pairedRatio(ours: readonly number[], baseline: readonly number[]): Summary {
  const n = Math.min(ours.length, baseline.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = baseline[i] ?? Number.NaN;
    if (b > 0) ratios.push((ours[i] ?? Number.NaN) / b);
  }
  return summarize(ratios);
}

/**
 * Runs `warmup` unmeasured rounds, then `reps` measured ones; each round runs every variant once,
 * in an order that rotates from round to round so no variant always runs on a warmer machine.
 */
export async function interleaved<K extends string>(
  variants: Record<K, () => Promise<number>>,
  opts: { reps: number; warmup: number },
): Promise<Record<K, number[]>> {
  const names = Object.keys(variants) as K[];
  const out = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < opts.warmup + opts.reps; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]!);
    for (const name of order) {
      const value = await variants[name]();
      if (round >= opts.warmup) out[name].push(value);
    }
  }
  return out;
}

/** Seconds since `start` (process.hrtime.bigint()). */
export const secondsSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
