// Turns a raw need into an orderable quantity: whole cases, and never less than the supplier's minimum order.

export interface RoundedQuantity {
  quantity: number;
  /** The need was below the minimum order, so the minimum (in whole cases) is ordered: a BELOW_MOQ exception. */
  raisedToMinimum: boolean;
}

/** The smallest orderable quantity: the minimum order rounded up to whole cases (one case when there is no minimum). */
export function minimumLot(packSize: number, minOrderQty: number): number {
  return Math.max(1, Math.ceil(minOrderQty / packSize)) * packSize;
}

/**
 * Rounds up to whole cases; a positive need below the minimum order is raised to the minimum lot.
 * A need that is a whole number of cases up to float noise (47.99999) is not rounded up a further case.
 */
export function roundOrderQuantity(rawQuantity: number, packSize: number, minOrderQty: number): RoundedQuantity {
  if (!(rawQuantity > 0)) return { quantity: 0, raisedToMinimum: false };
  const cases = Math.ceil(rawQuantity / packSize - 1e-9);
  const quantity = Math.max(1, cases) * packSize;
  if (quantity < minOrderQty) return { quantity: minimumLot(packSize, minOrderQty), raisedToMinimum: true };
  return { quantity, raisedToMinimum: false };
}
