// The shapes of the subgraph's JSON answers the tests read, so assertions are typed.

export interface MoneyJson {
  centAmount: number;
  currency?: string;
}

export interface SupplierItemJson {
  supplier: { id: string };
  product: { sku: string };
  unitCost: MoneyJson;
  packSize: number;
  minOrderQty: number;
  leadTimeDays: number;
  weeklyCapacity: number;
  primary: boolean;
}

export interface ProductJson {
  sku: string;
  suppliers: SupplierItemJson[];
  primarySupplier: Partial<SupplierItemJson> | null;
}

export interface PurchaseOrderJson {
  id: string;
  expectedDate: string;
  lines: { receivedQuantity: number }[];
}

export interface PageJson<T> {
  totalCount: number;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}
