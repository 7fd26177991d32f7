/**
 * Nearest-rank percentile: the smallest value such that at least `p` of the values are ≤ it,
 * i.e. `sorted[ceil(p·n) − 1]`. Always an observed value; the median of an even count is the
 * lower middle value. `sorted` must be ascending; `p` in (0, 1]. Null for no values.
 */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}
