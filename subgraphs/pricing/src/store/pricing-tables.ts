// The pricing subgraph's own tables: its projections of the ERP's price conditions and locations, and its promotions.
import type { EventTables, SagaTables, SyncTables, WebhookTables } from '@retail-hub/platform';
import type { DemandTables } from './demand-tables.js';
import type { PromotionTables } from './promotion-tables.js';

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
  /** STORE, DC or ECOM_FC. */
  type: string;
}

export interface PricingDatabase extends EventTables, SyncTables, SagaTables, WebhookTables, PromotionTables, DemandTables {
  list_price: ListPriceTable;
  location: LocationTable;
}
