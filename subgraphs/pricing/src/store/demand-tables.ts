// The stock check's inputs in one row per SKU and selling location: baseline demand from the ERP's sales history, stock from inventory.

/**
 * One table rather than two joined: the check scans every row of the promotion's SKUs and the
 * database filters them by arithmetic alone (a join doubled the time at 600,000 rows). Each source
 * writes its own columns; a row only one source has written reads as zero demand or zero stock.
 */
export interface DemandCoverTable {
  sku: string;
  location_id: string;
  /** Units sold on Sundays (w0) ... Saturdays (w6) over `weeks` weeks of the ERP's history. */
  w0: number;
  w1: number;
  w2: number;
  w3: number;
  w4: number;
  w5: number;
  w6: number;
  weeks: number;
  /** The last day of history counted (the location's local date); '' until the history has it. */
  through_date: string;
  /** Available and inbound units, as inventory reports them (graph first, then its events). */
  available: number;
  inbound: number;
  /** When inventory confirmed the stock numbers; a newer report replaces an older one, never the reverse. '' until reported. */
  stock_as_of: string;
}

export interface DemandTables {
  demand_cover: DemandCoverTable;
}

/** What the sales history feed writes. */
export type DemandBaseline = Pick<DemandCoverTable, 'sku' | 'location_id' | 'w0' | 'w1' | 'w2' | 'w3' | 'w4' | 'w5' | 'w6' | 'weeks' | 'through_date'>;

/** What the stock view writes. */
export interface StockReport {
  sku: string;
  location_id: string;
  available: number;
  inbound: number;
  as_of: string;
}
