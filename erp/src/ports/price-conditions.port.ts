// PriceConditions: the ERP's list prices per channel and (optionally) region.
import type { Channel, ChangePage } from './change-page.js';

export interface ListPriceRecord {
  sku: string;
  channel: Channel;
  /** Null: the channel's national price; otherwise a region code (e.g. `WEST`). */
  region: string | null;
  centAmount: number;
  currency: string;
  validFrom: string;
  /** Null: open-ended. */
  validTo: string | null;
}

export interface PriceConditionsPort {
  /** Every condition of each SKU, one list per SKU in order. */
  getListPrices(skus: readonly string[]): Promise<ListPriceRecord[][]>;
  priceChanges(after: string | null, limit: number): Promise<ChangePage<ListPriceRecord>>;
}
