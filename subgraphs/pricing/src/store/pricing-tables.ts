// The pricing subgraph's own tables: its projections of the ERP's price conditions and locations.
import type { EventTables, SyncTables } from '@retail-hub/platform';

export interface ListPriceTable {
  sku: string;
  channel: string;
  /** '' for the channel's national price (a primary key column cannot be null). */
  region: string;
  cent_amount: number;
  currency: string;
  /** As the ERP gives it: a date (2020-01-01) or an ISO instant. */
  valid_from: string;
  /** Null: open-ended. */
  valid_to: string | null;
}

export interface LocationTable {
  id: string;
  region: string;
  /** IANA time zone, e.g. America/Chicago. */
  time_zone: string;
}

export interface PricingDatabase extends EventTables, SyncTables {
  list_price: ListPriceTable;
  location: LocationTable;
}
