// ItemMaster: the ERP's items and categories, in hub identifiers (SKU, category id).
import type { ChangePage } from './change-page.js';

export type ItemStatus = 'ACTIVE' | 'INACTIVE' | 'DISCONTINUED';

export interface ItemRecord {
  sku: string;
  name: string;
  description: string;
  brand: string;
  /** GTIN-13 barcode. */
  gtin: string;
  categoryId: string;
  /** Units in one selling pack (e.g. a 6-pack is 6). */
  packSize: number;
  unitOfMeasure: string;
  status: ItemStatus;
  /** False for items that may never be promoted (tobacco, infant formula...). */
  promotable: boolean;
  /** Standard unit cost in minor units. */
  costCentAmount: number;
  currency: string;
  updatedAt: string;
}

export interface CategoryRecord {
  id: string;
  name: string;
  parentId: string | null;
  /** The lowest margin a price may leave, in basis points of the price (2500 = 25%). */
  minMarginBp: number;
  promotable: boolean;
}

export interface ItemMasterPort {
  /** One result per SKU, in order; null where the ERP has no such item. */
  getItems(skus: readonly string[]): Promise<(ItemRecord | null)[]>;
  getCategories(): Promise<CategoryRecord[]>;
  /** Items created or changed after the cursor (null: from the beginning). */
  itemChanges(after: string | null, limit: number): Promise<ChangePage<ItemRecord>>;
}
