// The (R, s, S) policy of one position: safety stock, reorder point, order-up-to level and the raw need.
//
//   safety stock   SS  = z * sigma * sqrt(H)           H = horizon days = lead time L + review period R
//   reorder point  ROP = demand over L + SS            (the stock that lasts until an order placed now arrives)
//   order-up-to    OUT = demand over H + SS            (what must be there to last until the next order arrives)
//   position       IP  = on-hand + inbound - reserved
//   raw need           = OUT - IP when IP <= ROP, else 0
//
// Every number is rounded to 4 decimals as it is produced, and the next one is computed from the rounded value,
// so a proposal's figures can be recomputed by hand from what it shows.

export interface PolicyInput {
  /** Forecast units over the lead time (uplift included). */
  leadTimeDemand: number;
  /** Forecast units over the horizon, lead time plus review period (uplift included). */
  horizonDemand: number;
  /** Standard deviation of one day's demand. */
  dailyStdDev: number;
  horizonDays: number;
  /** The safety factor of the service level (1.6449 for 95%). */
  z: number;
  onHand: number;
  inbound: number;
  reserved: number;
}

export interface PolicyResult {
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  position: number;
  rawQuantity: number;
}

export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export function applyPolicy(input: PolicyInput): PolicyResult {
  const safetyStock = round4(input.z * input.dailyStdDev * Math.sqrt(input.horizonDays));
  const reorderPoint = round4(input.leadTimeDemand + safetyStock);
  const orderUpTo = round4(input.horizonDemand + safetyStock);
  const position = input.onHand + input.inbound - input.reserved;
  const rawQuantity = position <= reorderPoint ? Math.max(0, round4(orderUpTo - position)) : 0;
  return { safetyStock, reorderPoint, orderUpTo, position, rawQuantity };
}
