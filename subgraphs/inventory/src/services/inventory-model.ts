// The inventory domain as services hand it to resolvers (camelCase, times as ISO strings).
import type { LocationRow } from '../store/location.repository.js';
import type { StockPositionRow } from '../store/stock-position.repository.js';
import type { Freshness } from './stock-freshness.js';

export interface Location {
  id: string;
  code: string;
  name: string;
  type: string;
  region: string;
  timeZone: string;
  active: boolean;
}

export interface StockLevel {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  available: number;
  inbound: number;
  asOf: string;
  stale: boolean;
}

export function toLocation(row: LocationRow): Location {
  return { id: row.id, code: row.code, name: row.name, type: row.type, region: row.region, timeZone: row.time_zone, active: row.active === 1 };
}

/** Units that can still be sold; an ERP-side drop below what is reserved shows 0 rather than a negative number. */
export function availableOf(onHand: number, reserved: number): number {
  return Math.max(0, onHand - reserved);
}

export function toStockLevel(row: StockPositionRow, freshness: Freshness): StockLevel {
  return {
    sku: row.sku,
    locationId: row.location_id,
    onHand: row.on_hand,
    reserved: row.reserved,
    available: availableOf(row.on_hand, row.reserved),
    inbound: row.inbound,
    asOf: laterOf(row.changed_at, freshness.feedConfirmedAt),
    stale: freshness.stale,
  };
}

/** The later of two ISO instants. */
export function laterOf(a: string, b: string | null): string {
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
