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
  /** Held by the hub for orders; the ERP does not know it (the orders issue writes it). */
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

export interface InventoryDatabase extends EventTables, SyncTables {
  location: LocationTable;
  stock_position: StockPositionTable;
  stock_adjustment: StockAdjustmentTable;
}
