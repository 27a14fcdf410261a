// The embedded reference ERP's own tables: ERP codes and shapes (item numbers, warehouses, vendors), not the hub's.
import { sql, type Generated, type Migration } from 'kysely';

/** Every write bumps this counter and stamps the row with it: the change feeds read rows by it. */
export interface ChangeCounterTable { id: number; value: number }

export interface CategoryTable { code: string; name: string; parent_code: string | null; min_margin_bp: number; promotable: number; seq: number }

export interface ItemTable {
  item_no: string;
  name: string;
  description: string;
  brand: string;
  gtin: string;
  category_code: string;
  pack_size: number;
  uom: string;
  /** ACTIVE | INACTIVE | DISCONTINUED */
  status: string;
  promotable: number;
  standard_cost: number;
  currency: string;
  updated_at: string;
  seq: number;
}

export interface WarehouseTable {
  code: string;
  name: string;
  /** STORE | DC | ECOM_FC */
  type: string;
  region: string;
  time_zone: string;
  active: number;
}

export interface PriceConditionTable {
  id: Generated<number>;
  item_no: string;
  /** STORE | ECOMMERCE | MOBILE */
  channel: string;
  /** Empty string: national (SQLite unique constraints treat NULLs as distinct). */
  region: string;
  amount: number;
  currency: string;
  valid_from: string;
  valid_to: string | null;
  seq: number;
}

export interface StockTable { item_no: string; wh_code: string; on_hand: number; on_order: number; seq: number; updated_at: string }

export interface StockMoveTable {
  id: Generated<number>;
  /** The hub's reference (adjustment id, receipt id + line); unique so a replay books nothing. */
  move_ref: string;
  item_no: string;
  wh_code: string;
  qty: number;
  reason: string;
  note: string | null;
  created_at: string;
}

export interface SalesHistoryTable {
  item_no: string;
  wh_code: string;
  start_date: string;
  /** Little-endian uint16 per day, oldest first. */
  daily: Buffer;
  seq: number;
}

export interface LedgerDocumentTable {
  document_no: string;
  posting_id: string;
  kind: string;
  order_ref: string;
  channel: string;
  wh_code: string;
  total: number;
  currency: string;
  lines: string;
  occurred_at: string;
  booked_at: string;
}

export interface VendorTable { code: string; name: string; email: string; currency: string; active: number; updated_at: string; seq: number }

export interface VendorItemTable {
  vendor_code: string;
  item_no: string;
  unit_cost: number;
  currency: string;
  pack_size: number;
  moq: number;
  lead_time_days: number;
  weekly_capacity: number;
  is_primary: number;
  updated_at: string;
  seq: number;
}

export interface PurchaseOrderTable {
  document_no: string;
  hub_ref: string;
  vendor_code: string;
  wh_code: string;
  /** OPEN | PARTIALLY_RECEIVED | RECEIVED | CANCELLED */
  status: string;
  expected_date: string;
  currency: string;
  created_at: string;
  updated_at: string;
  seq: number;
}

export interface PurchaseOrderLineTable { document_no: string; line_no: number; item_no: string; quantity: number; unit_cost: number; received_qty: number }

/** Canonical mapping between hub ids and ERP codes, kept by the port adapter (entity: item, location, supplier, category). */
export interface XrefTable { entity: string; hub_id: string; erp_id: string }

export interface ErpDatabase {
  change_counter: ChangeCounterTable;
  category: CategoryTable;
  item: ItemTable;
  warehouse: WarehouseTable;
  price_condition: PriceConditionTable;
  stock: StockTable;
  stock_move: StockMoveTable;
  sales_history: SalesHistoryTable;
  ledger_document: LedgerDocumentTable;
  vendor: VendorTable;
  vendor_item: VendorItemTable;
  purchase_order: PurchaseOrderTable;
  purchase_order_line: PurchaseOrderLineTable;
  xref: XrefTable;
}

export const erpMigrations: Record<string, Migration> = {
  '001_erp_tables': {
    async up(db) {
      const statements = [
        sql`CREATE TABLE change_counter (id integer PRIMARY KEY, value integer NOT NULL)`,
        sql`INSERT INTO change_counter (id, value) VALUES (1, 0)`,
        sql`CREATE TABLE category (code text PRIMARY KEY, name text NOT NULL, parent_code text, min_margin_bp integer NOT NULL, promotable integer NOT NULL, seq integer NOT NULL)`,
        sql`CREATE TABLE item (item_no text PRIMARY KEY, name text NOT NULL, description text NOT NULL, brand text NOT NULL, gtin text NOT NULL UNIQUE,
              category_code text NOT NULL REFERENCES category(code), pack_size integer NOT NULL, uom text NOT NULL, status text NOT NULL,
              promotable integer NOT NULL, standard_cost integer NOT NULL, currency text NOT NULL, updated_at text NOT NULL, seq integer NOT NULL)`,
        sql`CREATE INDEX item_seq ON item (seq)`,
        sql`CREATE TABLE warehouse (code text PRIMARY KEY, name text NOT NULL, type text NOT NULL, region text NOT NULL, time_zone text NOT NULL, active integer NOT NULL)`,
        sql`CREATE TABLE price_condition (id integer PRIMARY KEY AUTOINCREMENT, item_no text NOT NULL, channel text NOT NULL, region text NOT NULL,
              amount integer NOT NULL, currency text NOT NULL, valid_from text NOT NULL, valid_to text, seq integer NOT NULL,
              UNIQUE (item_no, channel, region, valid_from))`,
        sql`CREATE INDEX price_condition_seq ON price_condition (seq)`,
        sql`CREATE TABLE stock (item_no text NOT NULL, wh_code text NOT NULL, on_hand integer NOT NULL CHECK (on_hand >= 0), on_order integer NOT NULL DEFAULT 0,
              seq integer NOT NULL, updated_at text NOT NULL, PRIMARY KEY (item_no, wh_code)) WITHOUT ROWID`,
        sql`CREATE INDEX stock_seq ON stock (seq)`,
        sql`CREATE TABLE stock_move (id integer PRIMARY KEY AUTOINCREMENT, move_ref text NOT NULL UNIQUE, item_no text NOT NULL, wh_code text NOT NULL,
              qty integer NOT NULL, reason text NOT NULL, note text, created_at text NOT NULL)`,
        sql`CREATE TABLE sales_history (item_no text NOT NULL, wh_code text NOT NULL, start_date text NOT NULL, daily blob NOT NULL, seq integer NOT NULL,
              PRIMARY KEY (item_no, wh_code)) WITHOUT ROWID`,
        sql`CREATE INDEX sales_history_seq ON sales_history (seq)`,
        sql`CREATE TABLE ledger_document (document_no text PRIMARY KEY, posting_id text NOT NULL UNIQUE, kind text NOT NULL, order_ref text NOT NULL,
              channel text NOT NULL, wh_code text NOT NULL, total integer NOT NULL, currency text NOT NULL, lines text NOT NULL,
              occurred_at text NOT NULL, booked_at text NOT NULL)`,
        sql`CREATE TABLE vendor (code text PRIMARY KEY, name text NOT NULL, email text NOT NULL, currency text NOT NULL, active integer NOT NULL,
              updated_at text NOT NULL, seq integer NOT NULL)`,
        sql`CREATE INDEX vendor_seq ON vendor (seq)`,
        sql`CREATE TABLE vendor_item (vendor_code text NOT NULL REFERENCES vendor(code), item_no text NOT NULL REFERENCES item(item_no),
              unit_cost integer NOT NULL, currency text NOT NULL, pack_size integer NOT NULL, moq integer NOT NULL, lead_time_days integer NOT NULL,
              weekly_capacity integer NOT NULL, is_primary integer NOT NULL, updated_at text NOT NULL, seq integer NOT NULL,
              PRIMARY KEY (vendor_code, item_no))`,
        sql`CREATE INDEX vendor_item_seq ON vendor_item (seq)`,
        sql`CREATE TABLE purchase_order (document_no text PRIMARY KEY, hub_ref text NOT NULL UNIQUE, vendor_code text NOT NULL, wh_code text NOT NULL,
              status text NOT NULL, expected_date text NOT NULL, currency text NOT NULL, created_at text NOT NULL, updated_at text NOT NULL, seq integer NOT NULL)`,
        sql`CREATE INDEX purchase_order_seq ON purchase_order (seq)`,
        sql`CREATE TABLE purchase_order_line (document_no text NOT NULL REFERENCES purchase_order(document_no), line_no integer NOT NULL,
              item_no text NOT NULL, quantity integer NOT NULL, unit_cost integer NOT NULL, received_qty integer NOT NULL DEFAULT 0,
              PRIMARY KEY (document_no, line_no))`,
        sql`CREATE TABLE xref (entity text NOT NULL, hub_id text NOT NULL, erp_id text NOT NULL, PRIMARY KEY (entity, hub_id), UNIQUE (entity, erp_id))`,
      ];
      for (const statement of statements) await statement.execute(db);
    },
  },
};
