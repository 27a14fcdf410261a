// How much each item sells where: long-tailed base rates, store size, store-item affinity and the weekly rhythm.
import { hashUnit, type Prng } from './prng.js';
import { logNormal } from './random-distributions.js';
import type { ItemStatus, LocationProfile } from './seed-model.js';

/**
 * Log-normal base rate in units a day at an average store: median ~0.3 (sells most days in few stores),
 * 1 item in 20 above ~2.3 and a handful above 15. Retail assortments are this skewed: most lines are slow.
 */
const BASE_RATE_MU = -1.2;
const BASE_RATE_SIGMA = 1.25;
const MAX_BASE_RATE = 80;
const MIN_BASE_RATE = 0.005;

export function drawBaseRate(rng: Prng, categoryDemandWeight: number, status: ItemStatus): number {
  const rate = logNormal(rng, BASE_RATE_MU, BASE_RATE_SIGMA) * categoryDemandWeight;
  // A discontinued line is being sold down: lower demand as it leaves the planogram.
  const statusFactor = status === 'DISCONTINUED' ? 0.4 : status === 'INACTIVE' ? 0.7 : 1;
  return Math.min(MAX_BASE_RATE, Math.max(MIN_BASE_RATE, rate * statusFactor));
}

/** Sunday..Saturday (Date#getUTCDay order): weekends busier, Monday-Tuesday quietest. Mean 1. */
const RAW_DAY_OF_WEEK = [1.15, 0.85, 0.85, 0.9, 0.95, 1.1, 1.3];
const DOW_MEAN = RAW_DAY_OF_WEEK.reduce((a, f) => a + f, 0) / 7;
export const DAY_OF_WEEK_FACTORS: readonly number[] = RAW_DAY_OF_WEEK.map((f) => f / DOW_MEAN);

/**
 * How well an item sells at one location relative to the chain (local taste, planogram space): 0.6-1.4.
 * Hashed rather than drawn so the stock and the sales-history generators agree without sharing a stream.
 */
export function seriesAffinity(seed: number, itemIndex: number, locationIndex: number): number {
  return 0.6 + 0.8 * hashUnit(seed, itemIndex, locationIndex);
}

/** The ecommerce FC sells about an eighth of the chain's volume (~11% of store volume on top). */
export const ECOMMERCE_SHARE_OF_STORE_VOLUME = 0.11;

/** Units a day an item sells at a location on an average day (0 at a DC, which sells nothing). */
export function dailyRateAt(seed: number, baseRate: number, itemIndex: number, location: LocationProfile): number {
  if (location.sellingSize === 0) return 0;
  return baseRate * location.sellingSize * seriesAffinity(seed, itemIndex, location.index);
}

/** Summed selling size of every selling location: an item's chain-wide daily demand is baseRate times this. */
export function networkSellingSize(locations: readonly LocationProfile[]): number {
  return locations.reduce((a, l) => a + l.sellingSize, 0);
}
