// Splits an amount over parts by quantity with cumulative rounding, so the parts always add up to the whole.

/**
 * The share of `total` that belongs to units `from`..`from + count` of `quantity` units:
 * round(total * (from + count) / quantity) - round(total * from / quantity). Shares of
 * consecutive ranges add up to exactly `total` over all units, whatever the rounding.
 */
export function shareOf(total: number, quantity: number, from: number, count: number): number {
  if (quantity <= 0) return 0;
  return Math.round((total * (from + count)) / quantity) - Math.round((total * from) / quantity);
}
