// The supplier subgraph's own tables: its projection of the ERP's purchasing records, and the purchase orders the hub raises.
import type { ColumnType, Generated } from 'kysely';
import type { EventTables, SagaTables, SyncTables, WebhookTables } from '@retail-hub/platform';
import type { PurchaseOrderLifecycleTables } from './purchase-order-lifecycle-tables.js';
import type { ReplenishmentTables } from './replenishment-tables.js';

/** A column that may be left out of an insert (it has a default or may be null). */
type Optional<T> = ColumnType<T, T | undefined, T>;

export interface SupplierTable {
  id: string;
  name: string;
  email: string;
  currency: string;
  active: number;
  updated_at: string;
  /** Lower-cased name, id and email: what text search matches. */
  search_text: string;
}

export interface SupplierItemTable {
  supplier_id: string;
  sku: string;
  unit_cost_cent_amount: number;
  currency: string;
  pack_size: number;
  min_order_qty: number;
  lead_time_days: number;
  weekly_capacity: number;
  is_primary: number;
  updated_at: string;
}

export interface PurchaseOrderTable {
  id: string;
  supplier_id: string;
  location_id: string;
  /** The hub's status (SENT, RECEIVED...), already mapped from the ERP's. */
  status: string;
  /** YYYY-MM-DD, so it sorts and compares as text. */
  expected_date: string;
  currency: string;
  /** Sum of the lines' quantity x unit cost, kept with the header so lists need not read lines. */
  total_cent_amount: number;
  created_at: string;
  updated_at: string;
  /** ERP: the ERP's feed is the whole truth. HUB: the hub keeps the lifecycle (it raised the order, or a supplier or the warehouse acted on it through the hub); the feed only brings receipts and ERP cancellations (purchase-order-status.ts mergeErpStatus). */
  managed_by: Generated<string>;
  /** The day first asked for (hub orders); expected_date follows the supplier's confirmation. */
  requested_date: Optional<string | null>;
  /** Hub orders: when the supplier was sent the order (status SENT). */
  sent_at: Optional<string | null>;
  confirmed_at: Optional<string | null>;
  cancel_reason: Optional<string | null>;
}

export interface PurchaseOrderLineTable {
  purchase_order_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  received_quantity: number;
  unit_cost_cent_amount: number;
  /** What the supplier confirmed it will deliver; null until it confirms. */
  confirmed_quantity: Optional<number | null>;
  /** The day the supplier confirmed for this line (YYYY-MM-DD). */
  confirmed_date: Optional<string | null>;
  /** Units on the supplier's advance ship notices. */
  shipped_quantity: Generated<number>;
}

export interface SupplierDatabase extends EventTables, SyncTables, SagaTables, WebhookTables, ReplenishmentTables, PurchaseOrderLifecycleTables {
  supplier: SupplierTable;
  supplier_item: SupplierItemTable;
  purchase_order: PurchaseOrderTable;
  purchase_order_line: PurchaseOrderLineTable;
}
