// The in-memory picture of the retailer that later generators build on (small: one entry per location, item, supplier).

export type LocationType = 'STORE' | 'DC' | 'ECOM_FC';
export type ItemStatus = 'ACTIVE' | 'INACTIVE' | 'DISCONTINUED';

export interface LocationProfile {
  index: number;
  /** ERP warehouse code (W1001...). */
  code: string;
  /** Hub location id (LOC-S0001...). */
  hubId: string;
  name: string;
  type: LocationType;
  region: string;
  timeZone: string;
  /** Demand relative to an average store (1.0); 0 for a DC, which sells nothing. */
  sellingSize: number;
  /** For a DC, the summed sellingSize of the locations it replenishes; 0 for the rest. */
  servedSize: number;
}

export interface ItemProfile {
  index: number;
  /** ERP item number (400001...). */
  itemNo: string;
  /** Hub SKU (SKU-000001...). */
  hubId: string;
  /** Index into CATEGORIES. */
  categoryIndex: number;
  department: string;
  brand: string;
  status: ItemStatus;
  priceCents: number;
  costCents: number;
  /** Units a day at an average store; long-tailed across items. */
  baseRate: number;
}

export interface SupplierProfile {
  index: number;
  /** ERP vendor code (V10001...). */
  code: string;
  /** Hub supplier id (SUP-0001...). */
  hubId: string;
  name: string;
  /** Department it specialises in; null for a broadline wholesaler. */
  department: string | null;
  leadTimeDays: number;
}

/** Each item's primary supply terms, by item index (typed arrays: 50,000 items stay a few hundred KB). */
export interface PrimarySupply {
  vendorIndex: Int32Array;
  unitCostCents: Int32Array;
  casePack: Int32Array;
  moq: Int32Array;
}
