// The pricing store's promotion tables: promotions, their resolved items and locations, exceptions, publications.
import type { Generated } from 'kysely';

export interface PromotionTable {
  /** PROMO-<hex>. */
  id: string;
  name: string;
  description: string | null;
  type: string;
  /** The deal (PromotionRule) as JSON; amounts in minor units. */
  rule: string;
  currency: string;
  stacking: string;
  priority: number;
  /** JSON array of channels, and one flag per channel for the active-promotion query. */
  channels: string;
  ch_store: number;
  ch_ecommerce: number;
  ch_mobile: number;
  /** What was asked (PromotionTargets as JSON); validation resolves it into promotion_item rows. */
  targets: string;
  /** { scope: ALL | REGIONS | LIST, regions, locationIds } as JSON. */
  locations: string;
  /** Wall-clock time, the same in every location's own time zone (YYYY-MM-DDTHH:mm). */
  starts_local: string;
  ends_local: string;
  expected_uplift: number;
  status: string;
  /** Why it is where it is (a failed validation, a rejection, a cancellation). */
  status_reason: string | null;
  /** Counts submissions; exceptions belong to one validation run. */
  validation_run: number;
  /** Bumped by every change: serialises concurrent changes to one promotion. */
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  scheduled_at: string | null;
  cancelled_at: string | null;
  ended_at: string | null;
}

/** A SKU the promotion runs for, as validation found it (cost and margin are the snapshot the cart floor uses). */
export interface PromotionItemTable {
  promotion_id: string;
  sku: string;
  category_id: string;
  brand: string;
  unit_cost: number;
  min_margin_bp: number;
  /** 1 when an exception was resolved by excluding the item. */
  excluded: number;
  /** 1 when its margin exception was accepted: the cart may take it below cost. */
  margin_approved: number;
  /** What the ERP item master said when validated: ACTIVE, INACTIVE, DISCONTINUED; and 1 if the item and category may be promoted. */
  item_status: string;
  promotable: number;
  /** The primary supplier's terms when validated; null without one. */
  supplier_lead_time_days: number | null;
  supplier_weekly_capacity: number | null;
}

/** Where the promotion runs, with its window in UTC; live_at and ended_at record publication. */
export interface PromotionLocationTable {
  promotion_id: string;
  location_id: string;
  /** 1 for the online fulfilment centre, which stands for ECOMMERCE and MOBILE. */
  online: number;
  region: string;
  time_zone: string;
  starts_at: string;
  ends_at: string;
  live_at: string | null;
  ended_at: string | null;
}

/** A SKU that does not run at one location (an exception resolved with EXCLUDE_LOCATION). */
export interface PromotionItemExclusionTable {
  promotion_id: string;
  sku: string;
  location_id: string;
}

export interface PromotionExceptionTable {
  seq: Generated<number>;
  /** PEX-<hex>. */
  id: string;
  promotion_id: string;
  validation_run: number;
  code: string;
  sku: string;
  location_id: string | null;
  channel: string | null;
  message: string;
  /** INSUFFICIENT_STOCK and SUPPLIER_CAPACITY: the units missing. */
  shortfall: number | null;
  /** OPEN, RESOLVED, or SUPERSEDED by a later validation or a rejection. */
  status: string;
  resolution: string | null;
  reason: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  created_at: string;
}

/** What one location was told at go-live, end or cancellation: the price changes, compact, and the promotion event. */
export interface PricePublicationTable {
  /** PUB-<promotion>-<phase>-<location>: one per location and phase. */
  id: string;
  promotion_id: string;
  location_id: string;
  phase: string;
  published_at: string;
  /** JSON [sku, channel, region, previous, current, validFrom, validTo][] (money in minor units). */
  changes: string;
  currency: string;
  /** The pricing.promotion.* event data for this location, as JSON. */
  promotion_event: string;
}

export interface PromotionTables {
  promotion: PromotionTable;
  promotion_item: PromotionItemTable;
  promotion_location: PromotionLocationTable;
  promotion_item_exclusion: PromotionItemExclusionTable;
  promotion_exception: PromotionExceptionTable;
  price_publication: PricePublicationTable;
}
