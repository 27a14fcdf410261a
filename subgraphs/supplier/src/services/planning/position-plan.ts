// One position's proposal from its forecast, stock and supply terms: demand over the horizon, the policy, whole cases.
import { horizonWeight, type UpliftWindow } from './horizon-demand.js';
import { MAX_EXCESS_COVER_DAYS, roundOrderQuantity } from './order-rounding.js';
import { applyPolicy, round4, type PolicyResult } from './replenishment-policy.js';

/** Weekday-factor sums over the lead time and the horizon (see horizonWeight); the same for every location without a promotion. */
export interface DemandWeights {
  lead: number;
  horizon: number;
  /** The horizon without promotion uplift: what the uplift adds is rate x (horizon - horizonWithoutUplift). */
  horizonWithoutUplift: number;
}

export function demandWeights(factors: ArrayLike<number>, runDay: number, leadTimeDays: number, horizonDays: number, windows: readonly UpliftWindow[] = []): DemandWeights {
  return {
    lead: horizonWeight(factors, runDay, leadTimeDays, windows),
    horizon: horizonWeight(factors, runDay, horizonDays, windows),
    horizonWithoutUplift: horizonWeight(factors, runDay, horizonDays),
  };
}

export interface PositionPlanInput {
  /** Forecast units a day on an average weekday. */
  rate: number;
  dailyStdDev: number;
  weights: DemandWeights;
  horizonDays: number;
  z: number;
  onHand: number;
  inbound: number;
  reserved: number;
  packSize: number;
  minOrderQty: number;
}

export interface PositionPlan extends PolicyResult {
  forecastDailyDemand: number;
  dailyStdDev: number;
  leadTimeDemand: number;
  horizonDemand: number;
  /** Units the promotion uplift adds over the horizon. */
  promotionUplift: number;
  /** In whole cases, at least the minimum order when positive; before any capacity allocation. */
  roundedQuantity: number;
  /** The need was below the minimum lot: raised to it, or (roundedQuantity 0) too far below to order. */
  belowMinimum: boolean;
}

export function planPosition(input: PositionPlanInput): PositionPlan {
  const rate = round4(input.rate);
  const dailyStdDev = round4(input.dailyStdDev);
  const leadTimeDemand = round4(rate * input.weights.lead);
  const horizonDemand = round4(rate * input.weights.horizon);
  const promotionUplift = round4(horizonDemand - round4(rate * input.weights.horizonWithoutUplift));
  const policy = applyPolicy({ leadTimeDemand, horizonDemand, dailyStdDev, horizonDays: input.horizonDays, z: input.z, onHand: input.onHand, inbound: input.inbound, reserved: input.reserved });
  const rounded = roundOrderQuantity(policy.rawQuantity, input.packSize, input.minOrderQty, rate * MAX_EXCESS_COVER_DAYS);
  return { forecastDailyDemand: rate, dailyStdDev, leadTimeDemand, horizonDemand, promotionUplift, ...policy, roundedQuantity: rounded.quantity, belowMinimum: rounded.belowMinimum };
}

/**
 * True when the position is above its reorder point, so it orders nothing: the same arithmetic as planPosition,
 * without building its result. A run asks this of every position and plans in full only the few that order.
 */
export function aboveReorderPoint(rate: number, dailyStdDev: number, leadWeight: number, horizonDays: number, z: number, position: number): boolean {
  const leadTimeDemand = round4(round4(rate) * leadWeight);
  const safetyStock = round4(z * round4(dailyStdDev) * Math.sqrt(horizonDays));
  return position > round4(leadTimeDemand + safetyStock);
}

/** The promotion an order placed on runDay arrives too late for: one not over by runDay that starts on or before the arrival day. */
export function promotionMissed(windows: readonly UpliftWindow[], runDay: number, arrivalDay: number): UpliftWindow | null {
  let missed: UpliftWindow | null = null;
  for (const w of windows) if (w.endDay >= runDay && w.startDay <= arrivalDay && (!missed || w.startDay < missed.startDay)) missed = w;
  return missed;
}
