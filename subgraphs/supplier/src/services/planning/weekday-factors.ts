// The weekly rhythm of one SKU, pooled over every location (a single store's slow line is too noisy to have its own).
import { weekdayOf } from './day-index.js';

/** Below this many units over the history the rhythm is noise: every weekday gets factor 1. */
export const MIN_UNITS_FOR_WEEKDAY_FACTORS = 70;
/** Smoothing of the factors as days are folded in. @default 0.05 */
export const WEEKDAY_GAMMA = 0.05;
/** Factors are kept within these bounds so that deseasonalising (x / f) stays finite. */
const MIN_FACTOR = 0.1;
const MAX_FACTOR = 10;

export function flatWeekdayFactors(): Float64Array {
  return new Float64Array(7).fill(1);
}

/**
 * Factors (Sunday..Saturday, mean 1) from the SKU's chain-wide units per day: the mean of each weekday over
 * the mean of all days. `totals[i]` is day `firstDay + i`.
 */
export function fitWeekdayFactors(totals: ArrayLike<number>, firstDay: number): Float64Array {
  const sum = new Float64Array(7);
  const count = new Float64Array(7);
  let all = 0;
  for (let i = 0; i < totals.length; i++) {
    const w = weekdayOf(firstDay + i);
    sum[w]! += totals[i]!;
    count[w]! += 1;
    all += totals[i]!;
  }
  if (all < MIN_UNITS_FOR_WEEKDAY_FACTORS || count.some((c) => c === 0)) return flatWeekdayFactors();
  const mean = all / totals.length;
  return normalise(Float64Array.from(sum, (s, w) => s / count[w]! / mean));
}

/**
 * Moves the factor of `weekday` towards what the day showed: `units` sold chain-wide against `expected`, the sum of
 * the series' rates before the day was folded in. Days with too little expected demand carry no information.
 */
export function updateWeekdayFactors(factors: Float64Array, weekday: number, units: number, expected: number, gamma = WEEKDAY_GAMMA): void {
  if (expected < 1) return;
  factors[weekday] = gamma * (units / expected) + (1 - gamma) * factors[weekday]!;
  normalise(factors);
}

/** Rescales to mean 1 and bounds every factor, in place. */
function normalise(factors: Float64Array): Float64Array {
  for (let w = 0; w < 7; w++) factors[w] = Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factors[w]!));
  const mean = factors.reduce((a, f) => a + f, 0) / 7;
  for (let w = 0; w < 7; w++) factors[w] = factors[w]! / mean;
  return factors;
}
