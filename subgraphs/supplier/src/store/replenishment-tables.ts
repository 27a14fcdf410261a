// The supplier subgraph's planning tables: stock and demand kept as one block per SKU, promotions, runs, proposals.
// Blocks hold one entry per location slot (see location_slot), so a run reads 1.5M positions as a few thousand rows.

export interface LocationSlotTable {
  location_id: string;
  /** Index of the location in every block; assigned once, never reused. */
  slot: number;
  /** STORE, DC or ECOM_FC. */
  type: string;
  region: string;
  updated_at: string;
}

export interface PositionBlockTable {
  sku: string;
  /** Int32 little-endian triples per slot: on-hand, reserved, inbound. Slots past the end are 0. */
  data: Uint8Array;
  updated_at: string;
}

export interface DemandBlockTable {
  sku: string;
  /** Float32 little-endian, SERIES_FIELDS per slot (see demand-forecast.ts). */
  series: Uint8Array;
  /** Float64 little-endian weekday factors, Sunday..Saturday, mean 1. */
  weekday_factors: Uint8Array;
  /** The last day (day index) folded into the series. */
  through_day: number;
  updated_at: string;
}

export interface DemandDayTable {
  sku: string;
  location_id: string;
  /** Day index (UTC) the units belong to. */
  day: number;
  /** Net units: sales minus cancellations and returns. */
  units: number;
}

export interface PromotionWindowTable {
  promotion_id: string;
  /** SCHEDULED or CANCELLED. */
  status: string;
  /** The earliest start and the latest end day over its locations (day indexes, inclusive). */
  start_day: number;
  end_day: number;
  /** Demand multiplier inside the window, e.g. 1.8. */
  uplift: number;
  /** JSON array of SKUs. */
  skus: string;
  /** JSON array of { locationId, startDay, endDay }: each location's window as UTC days (inclusive). */
  locations: string;
  /** JSON array of { sku, locationId } the promotion does not run for. */
  exclusions: string;
  updated_at: string;
}

export interface ReplenishmentRunTable {
  id: string;
  /** QUEUED, RUNNING, COMPLETED or FAILED. */
  status: string;
  /** MANUAL, SCHEDULED or PROMOTION. */
  trigger: string;
  /** JSON of the scope: { locationIds, skus, supplierIds, regions }. */
  scope: string;
  service_level: number;
  safety_factor: number;
  review_period_days: number;
  /** YYYY-MM-DD the run plans from (its day 0). */
  run_date: string;
  promotion_id: string | null;
  requested_by: string;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  positions: number;
  proposals: number;
  exceptions: number;
  read_ms: number;
  compute_ms: number;
  write_ms: number;
  error: string | null;
}

export interface ReplenishmentRunItemTable {
  run_id: string;
  sku: string;
  supplier_id: string;
  pack_size: number;
  min_order_qty: number;
  lead_time_days: number;
  horizon_days: number;
  weekly_capacity: number;
  /** Weekly capacity minus what hub orders of the last 7 days already took. */
  capacity_available: number;
  unit_cost_cent_amount: number;
  currency: string;
  expected_date: string;
  /** JSON array of the 7 weekday factors the run used. */
  weekday_factors: string;
}

export interface ReplenishmentProposalTable {
  run_id: string;
  /** Position of the proposal in its run (SKU, then location slot order). */
  seq: number;
  sku: string;
  location_id: string;
  /** PROPOSED or APPROVED (SUPERSEDED is worked out from later runs, never written). */
  status: string;
  purchase_order_id: string | null;
  /** Bit set of the proposal's exception codes (see proposal-exceptions.ts). */
  exception_mask: number;
  forecast_daily: number;
  std_dev: number;
  lead_time_demand: number;
  horizon_demand: number;
  promotion_uplift: number;
  promotion_id: string | null;
  on_hand: number;
  inbound: number;
  reserved: number;
  rounded_quantity: number;
  quantity: number;
}

export interface ReplenishmentExceptionTable {
  run_id: string;
  seq: number;
  code: string;
  sku: string;
  location_id: string | null;
  supplier_id: string | null;
  /** The proposal it concerns, when there is one. */
  proposal_seq: number | null;
  message: string;
}

export interface ReplenishmentTables {
  location_slot: LocationSlotTable;
  position_block: PositionBlockTable;
  demand_block: DemandBlockTable;
  demand_day: DemandDayTable;
  promotion_window: PromotionWindowTable;
  replenishment_run: ReplenishmentRunTable;
  replenishment_run_item: ReplenishmentRunItemTable;
  replenishment_proposal: ReplenishmentProposalTable;
  replenishment_exception: ReplenishmentExceptionTable;
}
