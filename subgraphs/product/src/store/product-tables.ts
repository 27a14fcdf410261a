// The product subgraph's own tables: its projection of the ERP item master.
import type { EventTables, SyncTables } from '@retail-hub/platform';

export interface ProductTable {
  sku: string;
  name: string;
  description: string;
  brand: string;
  /** Lower-cased brand, for exact case-insensitive brand filters. */
  brand_key: string;
  gtin: string;
  category_id: string;
  pack_size: number;
  uom: string;
  status: string;
  promotable: number;
  cost_cent_amount: number;
  currency: string;
  updated_at: string;
  /** Lower-cased name, brand, SKU and GTIN: what text search matches. */
  search_text: string;
}

export interface CategoryTable {
  id: string;
  name: string;
  parent_id: string | null;
  min_margin_bp: number;
  promotable: number;
}

export interface ProductDatabase extends EventTables, SyncTables {
  product: ProductTable;
  category: CategoryTable;
}
