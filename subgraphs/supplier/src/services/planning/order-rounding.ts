// Turns a raw need into an orderable quantity: whole cases, never less than the supplier's minimum order, and not absurdly more than needed.

/** A need below the minimum order is raised to it only if the extra units sell within this many days of forecast demand. */
export const MAX_EXCESS_COVER_DAYS = 28;

export interface RoundedQuantity {
  quantity: number;
  /** The need was below the supplier's minimum lot (a BELOW_MOQ exception): raised to it, or, when that would be too much, not ordered. */
  belowMinimum: boolean;
}

/** The smallest orderable quantity: the minimum order rounded up to whole cases (one case when there is no minimum). */
export function minimumLot(packSize: number, minOrderQty: number): number {
  return Math.max(1, Math.ceil(minOrderQty / packSize)) * packSize;
}

/**
 * Rounds up to whole cases. A positive need below the minimum lot is raised to the minimum lot when the excess
 * (lot - need) is no more than `excessAllowed` units (MAX_EXCESS_COVER_DAYS of demand); otherwise nothing is
 * ordered and a person decides (a slow line in big cases: 48 units of something that sells one a month).
 * A need that is a whole number of cases up to float noise (47.99999) is not rounded up a further case.
 */
export function roundOrderQuantity(rawQuantity: number, packSize: number, minOrderQty: number, excessAllowed = Number.POSITIVE_INFINITY): RoundedQuantity {
  if (!(rawQuantity > 0)) return { quantity: 0, belowMinimum: false };
  const lot = minimumLot(packSize, minOrderQty);
  const cases = Math.max(1, Math.ceil(rawQuantity / packSize - 1e-9));
  const quantity = cases * packSize;
  if (quantity >= lot) return { quantity, belowMinimum: false };
  return { quantity: lot - rawQuantity <= excessAllowed + 1e-9 ? lot : 0, belowMinimum: true };
}
