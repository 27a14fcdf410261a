// The pricing store's inputs to the stock check: baseline demand from the ERP's sales history and a view of stock from inventory.

/** Units sold per weekday over the last eight weeks of the ERP's history, per SKU and selling location. */
export interface DemandBaselineTable {
  sku: string;
  location_id: string;
  /** Units sold on Sundays (w0) ... Saturdays (w6) over `weeks` weeks. */
  w0: number;
  w1: number;
  w2: number;
  w3: number;
  w4: number;
  w5: number;
  w6: number;
  weeks: number;
  /** The last day of history counted (the location's local date). */
  through_date: string;
}

/** Available and inbound units per SKU and location, as inventory reports them (graph, then its events). */
export interface StockCoverTable {
  sku: string;
  location_id: string;
  available: number;
  inbound: number;
  /** When inventory confirmed these numbers; a newer report replaces an older one, never the reverse. */
  as_of: string;
}

export interface DemandTables {
  demand_baseline: DemandBaselineTable;
  stock_cover: StockCoverTable;
}
