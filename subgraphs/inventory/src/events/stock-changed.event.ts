// inventory.stock.changed.v1: one product's stock at one location changed (an adjustment, or a change read from the ERP).
import type { NewEvent } from '@retail-hub/platform';

export const STOCK_CHANGED_V1 = 'inventory.stock.changed.v1';

export interface StockQuantities {
  onHand: number;
  reserved: number;
  inbound: number;
}

export interface StockChangedV1 extends StockQuantities {
  sku: string;
  locationId: string;
  available: number;
  /** What the hub showed before this change (all 0 for a position it did not hold yet). */
  previous: StockQuantities;
  /** `ADJUSTMENT:<reason>` for an adjustment booked through the hub, `ERP_SYNC` for a change read from the ERP feed. */
  reason: string;
  /** When the ERP confirmed the new numbers. */
  asOf: string;
}

export function stockChangedEvent(data: StockChangedV1): NewEvent<StockChangedV1> {
  return { type: STOCK_CHANGED_V1, subject: `${data.sku}@${data.locationId}`, data };
}
