// The inventory subgraph's own tables: its view of the ERP stock ledger, plus the adjustments it booked.
import type { EventTables, SyncTables } from '@retail-hub/platform';

export interface LocationTable {
  id: string;
  code: string;
  name: string;
  type: string;
  region: string;
  time_zone: string;
  active: number;
  /** Lower-cased id, code and name: what text search matches. */
  search_text: string;
}

export interface StockPositionTable {
  sku: string;
  location_id: string;
  on_hand: number;
  /** Held by the hub for orders (the sum of their reservation lines); the ERP does not know it. */
  reserved: number;
  inbound: number;
  /** The ERP's change version of this position; a feed record older than this is ignored. */
  erp_version: number;
  /** When the ERP last changed the position (its own change time). */
  changed_at: string;
}

export interface StockAdjustmentTable {
  adjustment_id: string;
  sku: string;
  location_id: string;
  delta: number;
  reason: string;
  note: string | null;
  /** The ERP position version the adjustment produced. */
  erp_version: number;
  booked_at: string;
}

export type ReservationStatus = 'HELD' | 'RELEASED' | 'EXPIRED' | 'SHIPPED';

/** Units held for one order (keyed by the order id): all of its lines or none. */
export interface ReservationTable {
  order_id: string;
  status: ReservationStatus;
  /** When an unpaid order's hold lapses (the sweeper releases it); null for a firm hold. */
  expires_at: string | null;
  /** Why it was released (RELEASED only). */
  release_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReservationLineTable {
  order_id: string;
  sku: string;
  location_id: string;
  quantity: number;
  /** Units that left with a shipment; they stay in stock_position.reserved until the ERP books the sale. */
  shipped_quantity: number;
}

export type StockBookingStatus = 'PENDING' | 'BOOKED' | 'DEAD';

/**
 * Stock moves inventory owes the ERP stock ledger for orders (sales at shipment, returns to stock),
 * written in the transaction that learnt of them and sent by a dispatcher that survives an ERP outage.
 */
export interface StockBookingTable {
  /** Also the ERP adjustment id, so a resend is booked once. */
  booking_id: string;
  kind: 'SALE' | 'RETURN';
  order_id: string;
  sku: string;
  location_id: string;
  delta: number;
  /** Reserved units that leave with this booking (a sale's), taken off reserved when the ERP has booked it. */
  release_reserved: number;
  status: StockBookingStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  booked_at: string | null;
}

export interface InventoryDatabase extends EventTables, SyncTables {
  location: LocationTable;
  stock_position: StockPositionTable;
  stock_adjustment: StockAdjustmentTable;
  reservation: ReservationTable;
  reservation_line: ReservationLineTable;
  stock_booking: StockBookingTable;
}
