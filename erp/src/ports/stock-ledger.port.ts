// StockLedger: the ERP's locations and on-hand stock per SKU and location, with adjustments and receipts.
import type { ChangePage } from './change-page.js';

export type LocationType = 'STORE' | 'DC' | 'ECOM_FC';

export interface LocationRecord {
  id: string;
  code: string;
  name: string;
  type: LocationType;
  region: string;
  /** IANA time zone, e.g. `America/Chicago`. */
  timeZone: string;
  active: boolean;
}

export interface StockPosition {
  sku: string;
  locationId: string;
  onHand: number;
  /** Units on open purchase orders not yet received. */
  inbound: number;
  /** Grows with every change to this position; a reader keeps the newest. */
  version: number;
  updatedAt: string;
}

export interface StockAdjustment {
  /** The hub's id for this adjustment; posting it twice books it once. */
  adjustmentId: string;
  sku: string;
  locationId: string;
  delta: number;
  reason: 'COUNT' | 'RECEIPT' | 'DAMAGE' | 'RETURN' | 'SALE' | 'CORRECTION';
  note?: string;
}

export interface StockKey {
  sku: string;
  locationId: string;
}

export interface StockLedgerPort {
  getLocations(): Promise<LocationRecord[]>;
  /** One result per key, in order; null where the ERP has no such item or location. */
  getPositions(keys: readonly StockKey[]): Promise<(StockPosition | null)[]>;
  positionChanges(after: string | null, limit: number): Promise<ChangePage<StockPosition>>;
  /** Books adjustments atomically (all or none); refuses any that would leave on-hand below zero. */
  postAdjustments(adjustments: readonly StockAdjustment[]): Promise<StockPosition[]>;
}
