// Order statistics and number formatting shared by every part of the benchmark.

/** The value at quantile `q` (0..1) of `values`, nearest-rank on a sorted copy. */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values) => quantile(values, 0.5);
export const p99 = (values) => quantile(values, 0.99);

/** Microseconds from milliseconds, for per-request figures. */
export const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
export const ms = (value) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
export const seconds = (valueMs) => `${(valueMs / 1000).toFixed(2)} s`;
export const ratio = (value) => `${value.toFixed(3)}x`;
export const bytes = (n) => `${n.toLocaleString("en-US")} B`;
export const kb = (n) => `${(n / 1024).toFixed(2)} KiB`;
