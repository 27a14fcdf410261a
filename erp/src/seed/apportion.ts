// Splitting a whole number across weighted shares (stores over regions, suppliers over departments).

/**
 * Largest-remainder apportionment: the counts sum to `total` exactly and each is within one of its exact share.
 * Deterministic (ties go to the earlier share), so the same weights always split the same way.
 */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum <= 0) throw new Error('apportion needs a positive total weight');
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map((x) => Math.floor(x));
  let left = total - counts.reduce((a, c) => a + c, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((p, q) => q.r - p.r || p.i - q.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return counts;
}
