// The engine's only rounding: a percentage of an amount, and splitting an amount over lines so the parts add up exactly.

/**
 * `bp` basis points of `amount`, rounded half up to the minor unit (the customer gets the half cent).
 * Both are non-negative integers, so the arithmetic is exact.
 */
export function percentOfHalfUp(amount: number, bp: number): number {
  return Math.floor((amount * bp + 5000) / 10000);
}

/**
 * Splits `total` over weighted parts in proportion to their weights (largest remainder): every part
 * gets the floor of its exact share, and the cents left go one each to the largest remainders, ties
 * to the smaller key. The parts sum to `total` exactly, and the split does not depend on the order
 * the parts are given in. BigInt because weight x total can pass 2^53.
 */
export function allocate(total: number, parts: readonly { key: string; weight: number }[]): Map<string, number> {
  const result = new Map<string, number>();
  const weightSum = parts.reduce((s, p) => s + p.weight, 0);
  if (total <= 0 || weightSum <= 0) {
    for (const p of parts) result.set(p.key, 0);
    return result;
  }
  const T = BigInt(total);
  const W = BigInt(weightSum);
  let given = 0n;
  const remainders: { key: string; rem: bigint }[] = [];
  for (const p of parts) {
    const exact = T * BigInt(p.weight);
    const share = exact / W;
    given += share;
    result.set(p.key, Number(share));
    remainders.push({ key: p.key, rem: exact % W });
  }
  remainders.sort((a, b) => (a.rem === b.rem ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.rem > b.rem ? -1 : 1));
  for (let left = Number(T - given), i = 0; left > 0; left--, i++) {
    const key = remainders[i % remainders.length]!.key;
    result.set(key, result.get(key)! + 1);
  }
  return result;
}
