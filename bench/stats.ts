/** Small statistics helpers for the benchmark: pure, so they are unit-tested beside it. */

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The p-th percentile (0..100) of values, by the nearest-rank method; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Median, min and max of the per-round figures of one measure. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN };
  return { median: percentile(values, 50), min: Math.min(...values), max: Math.max(...values) };
}

/** A figure for the table: 3 significant digits, thousands kept whole. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 100) return Math.round(value).toString();
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
