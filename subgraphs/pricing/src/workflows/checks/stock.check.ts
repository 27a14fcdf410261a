// INSUFFICIENT_STOCK and SUPPLIER_CAPACITY: can stock and the supplier carry the expected uplift?
import type { FoundException } from '../../services/promotions/promotion-model.js';
import { parseLocalDateTime } from '../../services/promotions/local-time.js';
import type { Channel } from '../../services/pricing-model.js';

const DAY_MS = 86_400_000;

/** How much of each weekday (0 = Sunday) a local window covers: Saturday 00:00 to Monday 00:00 is [1, 0, 0, 0, 0, 0, 1]. */
export function weekdayCoverage(startsLocal: string, endsLocal: string): number[] {
  const start = parseLocalDateTime(startsLocal)!.wall;
  const end = parseLocalDateTime(endsLocal)!.wall;
  const days = [0, 0, 0, 0, 0, 0, 0];
  for (let dayStart = Math.floor(start / DAY_MS) * DAY_MS; dayStart < end; dayStart += DAY_MS) {
    const covered = Math.min(end, dayStart + DAY_MS) - Math.max(start, dayStart);
    if (covered > 0) days[new Date(dayStart).getUTCDay()]! += covered / DAY_MS;
  }
  return days;
}

export interface Shortfall {
  sku: string;
  locationId: string;
  demand: number;
  available: number;
  inbound: number;
}

/** One exception per SKU and location, with the units missing (rounded up: a part unit still has to arrive). */
export function stockExceptions(shortfalls: readonly Shortfall[], uplift: number, channelOf: (locationId: string) => Channel | null): FoundException[] {
  return shortfalls.map((s) => {
    const missing = Math.ceil(s.demand - s.available - s.inbound - 1e-9);
    return {
      code: 'INSUFFICIENT_STOCK',
      sku: s.sku,
      locationId: s.locationId,
      channel: channelOf(s.locationId),
      shortfall: missing,
      message: `${s.sku} at ${s.locationId}: expected demand ${s.demand.toFixed(1)} units (baseline x ${uplift} uplift over the promotion) but ${s.available} available + ${s.inbound} inbound; short ${missing}`,
    };
  }).filter((e) => e.shortfall > 0) as FoundException[];
}

export interface SupplierTerms {
  leadTimeDays: number;
  weeklyCapacity: number;
}

/**
 * Units the primary supplier can land before the start: an order placed now arrives after the lead
 * time, and one week's capacity ships per week from then; nothing arrives if the lead time ends
 * after the start.
 */
export function deliverableBefore(terms: SupplierTerms, daysUntilStart: number): number {
  if (daysUntilStart < terms.leadTimeDays) return 0;
  return (Math.floor((daysUntilStart - terms.leadTimeDays) / 7) + 1) * terms.weeklyCapacity;
}

/** One exception per SKU whose total shortfall the supplier cannot deliver in time. */
export function supplierCapacityExceptions(shortfallBySku: ReadonlyMap<string, number>, terms: ReadonlyMap<string, SupplierTerms | null>, daysUntilStart: number): FoundException[] {
  const found: FoundException[] = [];
  for (const [sku, short] of [...shortfallBySku].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (short <= 0) continue;
    const t = terms.get(sku) ?? null;
    if (!t) {
      found.push({ code: 'SUPPLIER_CAPACITY', sku, locationId: null, channel: null, shortfall: short, message: `${sku} is short ${short} units and has no primary supplier to replenish it` });
      continue;
    }
    const can = deliverableBefore(t, daysUntilStart);
    if (can >= short) continue;
    found.push({
      code: 'SUPPLIER_CAPACITY',
      sku,
      locationId: null,
      channel: null,
      shortfall: short - can,
      message: `${sku} is short ${short} units; its supplier (lead time ${t.leadTimeDays} days, ${t.weeklyCapacity} units a week) can land ${can} before the start in ${daysUntilStart.toFixed(1)} days`,
    });
  }
  return found;
}
