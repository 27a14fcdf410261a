// The supplier subgraph's own tables: its projection of the ERP's purchasing records.
import type { EventTables, SyncTables } from '@retail-hub/platform';

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
}

export interface PurchaseOrderLineTable {
  purchase_order_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  received_quantity: number;
  unit_cost_cent_amount: number;
}

export interface SupplierDatabase extends EventTables, SyncTables {
  supplier: SupplierTable;
  supplier_item: SupplierItemTable;
  purchase_order: PurchaseOrderTable;
  purchase_order_line: PurchaseOrderLineTable;
}
