// Shares a supplier's weekly capacity for one product between the locations that need it, in proportion to their need.

/**
 * When the rounded quantities add up to more than `available`, each location gets its proportional share,
 * rounded down to whole cases (and to nothing when that is below the minimum lot); the cases left over go
 * one at a time to the largest remainders. The result never exceeds `available` or a location's own
 * quantity, stays in whole cases and is 0 or at least the minimum lot. Returns whether capacity was exceeded.
 */
export function allocateCapacity(quantities: Int32Array, count: number, available: number, packSize: number, minLot: number, out: Int32Array): boolean {
  let total = 0;
  for (let i = 0; i < count; i++) total += quantities[i]!;
  if (total <= available) {
    for (let i = 0; i < count; i++) out[i] = quantities[i]!;
    return false;
  }
  const share = Math.max(0, available) / total;
  let left = Math.max(0, available);
  const remainders: number[] = [];
  for (let i = 0; i < count; i++) {
    const exact = quantities[i]! * share;
    let allocated = Math.floor(exact / packSize + 1e-9) * packSize;
    if (allocated < minLot) allocated = 0;
    out[i] = allocated;
    left -= allocated;
    if (quantities[i]! > allocated) remainders.push(i);
  }
  remainders.sort((a, b) => quantities[b]! * share - out[b]! - (quantities[a]! * share - out[a]!) || a - b);
  for (const i of remainders) {
    const step = out[i]! === 0 ? minLot : packSize;
    if (step <= left && out[i]! + step <= quantities[i]!) {
      out[i] = out[i]! + step;
      left -= step;
    }
  }
  return true;
}
