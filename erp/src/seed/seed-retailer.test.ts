// The synthetic retailer as a whole: reproducible from its seed, the estate and network it promises, consistent bookkeeping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { REGIONS } from './location-vocabulary.js';
import { seedRetailer, DEFAULT_SEED_OPTIONS, type SeedSummary } from './seed-retailer.js';
import { TEST_TODAY, all, emptyErp, hashRows, one, seededErp } from './seed-test-fixture.js';

const CONTENT_QUERIES = {
  items: 'SELECT * FROM item ORDER BY item_no',
  stock: 'SELECT * FROM stock ORDER BY item_no, wh_code',
  prices: 'SELECT item_no, channel, region, amount, seq FROM price_condition ORDER BY item_no, channel, region',
  history: 'SELECT * FROM sales_history ORDER BY item_no, wh_code',
  supply: 'SELECT * FROM vendor_item ORDER BY vendor_code, item_no',
  orders: 'SELECT * FROM purchase_order_line ORDER BY document_no, line_no',
};
const hashAll = (sqlite: Database.Database) => Object.fromEntries(Object.entries(CONTENT_QUERIES).map(([k, q]) => [k, hashRows(sqlite, q)]));

describe('seedRetailer determinism', () => {
  it('builds the identical retailer from the same seed, and a different one from another seed', async () => {
    const first = await seededErp({ seed: 7 });
    const again = await seededErp({ seed: 7 });
    const other = await seededErp({ seed: 8 });
    const a = hashAll(first.sqlite);
    expect(hashAll(again.sqlite)).toEqual(a);
    const b = hashAll(other.sqlite);
    for (const key of Object.keys(CONTENT_QUERIES)) expect(b[key], key).not.toBe(a[key]);
  });

  it('moves only dates when today moves', async () => {
    const monday = await seededErp({ today: new Date('2025-03-10T09:00:00Z') });
    const tuesday = await seededErp({ today: new Date('2025-03-11T09:00:00Z') });
    const withoutDates = 'SELECT item_no, name, gtin, status, promotable, standard_cost FROM item ORDER BY item_no';
    expect(hashRows(tuesday.sqlite, withoutDates)).toBe(hashRows(monday.sqlite, withoutDates));
    const stock = 'SELECT item_no, wh_code, on_hand, on_order FROM stock ORDER BY item_no, wh_code';
    expect(hashRows(tuesday.sqlite, stock)).toBe(hashRows(monday.sqlite, stock));
    expect(one<{ d: string }>(tuesday.sqlite, 'SELECT min(start_date) AS d FROM sales_history').d).toBe('2024-12-11');
    expect(one<{ u: string }>(tuesday.sqlite, 'SELECT min(updated_at) AS u FROM item').u).toBe('2025-03-11T09:00:00.000Z');
  });
});

describe('seedRetailer estate', () => {
  let sqlite: Database.Database;
  let summary: SeedSummary;
  beforeAll(async () => ({ sqlite, summary } = await seededErp({ skus: 40, stores: DEFAULT_SEED_OPTIONS.stores })));
  afterAll(() => sqlite.close());

  it('has 300 stores over at least five regions, each in its region time zone', () => {
    const stores = all<{ code: string; name: string; region: string; time_zone: string }>(sqlite, "SELECT * FROM warehouse WHERE type = 'STORE'");
    expect(stores).toHaveLength(300);
    const zones = new Map(REGIONS.map((r) => [r.code, r.timeZone]));
    for (const s of stores) {
      expect(zones.get(s.region), s.code).toBe(s.time_zone);
      expect(s.name).toMatch(/^[A-Z][A-Za-z. ]+ #\d{4}$/);
    }
    const perRegion = new Map<string, number>();
    for (const s of stores) perRegion.set(s.region, (perRegion.get(s.region) ?? 0) + 1);
    expect(perRegion.size).toBeGreaterThanOrEqual(5);
    expect(Math.max(...perRegion.values())).toBeLessThan(100); // weighted, not all in one region
  });

  it('has three DCs and one ecommerce fulfilment centre', () => {
    const sites = all<{ type: string; region: string; time_zone: string }>(sqlite, "SELECT * FROM warehouse WHERE type <> 'STORE'");
    expect(sites.filter((s) => s.type === 'DC')).toHaveLength(3);
    expect(sites.filter((s) => s.type === 'ECOM_FC')).toHaveLength(1);
    for (const s of sites) expect(REGIONS.find((r) => r.code === s.region)?.timeZone).toBe(s.time_zone);
    expect(summary.locations).toBe(304);
  });

  it('maps every hub id to a distinct-looking ERP code', () => {
    const counts = all<{ entity: string; n: number }>(sqlite, 'SELECT entity, count(*) AS n FROM xref GROUP BY entity ORDER BY entity');
    expect(Object.fromEntries(counts.map((c) => [c.entity, c.n]))).toEqual({ category: summary.categories, item: 40, location: 304, supplier: summary.suppliers });
    const samples = all<{ entity: string; hub_id: string; erp_id: string }>(sqlite,
      "SELECT * FROM xref WHERE hub_id IN ('SKU-000001', 'CAT-001', 'LOC-S0001', 'LOC-D01', 'LOC-E01', 'SUP-0001') ORDER BY hub_id");
    expect(samples.map((s) => `${s.hub_id}=${s.erp_id}`)).toEqual(
      ['CAT-001=C101', 'LOC-D01=W9001', 'LOC-E01=W9901', 'LOC-S0001=W1001', 'SKU-000001=400001', 'SUP-0001=V10001']);
    expect(one<{ n: number }>(sqlite, 'SELECT count(*) AS n FROM xref WHERE hub_id = erp_id').n).toBe(0);
  });
});

describe('seedRetailer bookkeeping', () => {
  let sqlite: Database.Database;
  beforeAll(async () => ({ sqlite } = await seededErp()));
  afterAll(() => sqlite.close());

  it('stamps every change-fed row with a unique seq and leaves the change counter on the last one', () => {
    const tables = ['category', 'item', 'price_condition', 'stock', 'sales_history', 'vendor', 'vendor_item', 'purchase_order'];
    const seqs = tables.flatMap((t) => all<{ seq: number }>(sqlite, `SELECT seq FROM ${t}`).map((r) => r.seq));
    const sorted = [...seqs].sort((a, b) => a - b);
    expect(sorted[0]).toBe(1);
    expect(sorted.every((s, i) => s === i + 1)).toBe(true); // unique and gap-free
    expect(one<{ value: number }>(sqlite, 'SELECT value FROM change_counter WHERE id = 1').value).toBe(sorted.length);
  });

  it('stamps rows with today as an ISO instant', () => {
    const stamps = all<{ t: string }>(sqlite,
      'SELECT DISTINCT updated_at AS t FROM item UNION SELECT updated_at FROM stock UNION SELECT created_at FROM purchase_order');
    expect(stamps.map((s) => s.t)).toEqual([TEST_TODAY.toISOString()]);
  });
});

describe('seedRetailer contract', () => {
  it('reports progress for every step up to its total', async () => {
    const sqlite = await emptyErp();
    const last = new Map<string, [number, number]>();
    seedRetailer(sqlite, { skus: 30, stores: 6, seed: 1, today: TEST_TODAY, onProgress: (step, done, total) => last.set(step, [done, total]) });
    expect([...last.keys()]).toEqual(['locations', 'categories', 'items', 'prices', 'suppliers', 'supplier-items', 'purchase-orders', 'stock', 'sales-history']);
    for (const [step, [done, total]] of last) expect(done, step).toBe(total);
  });

  it('leaves nothing behind when it fails part-way, so a retry starts clean', async () => {
    const sqlite = await emptyErp();
    const failAtStock = (step: string) => { if (step === 'stock') throw new Error('disk full'); };
    expect(() => seedRetailer(sqlite, { skus: 30, stores: 6, seed: 1, today: TEST_TODAY, onProgress: failAtStock })).toThrow('disk full');
    expect(one<{ n: number }>(sqlite, 'SELECT (SELECT count(*) FROM item) + (SELECT count(*) FROM warehouse) AS n').n).toBe(0);
    expect(seedRetailer(sqlite, { skus: 30, stores: 6, seed: 1, today: TEST_TODAY }).skus).toBe(30);
  });

  it('refuses a database that already holds a retailer', async () => {
    const { sqlite } = await seededErp({ skus: 10, stores: 3 });
    expect(() => seedRetailer(sqlite, { skus: 10, stores: 3, seed: 42, today: TEST_TODAY })).toThrow(/already hold data/);
  });

  it('rejects sizes it cannot build', async () => {
    const sqlite = await emptyErp();
    expect(() => seedRetailer(sqlite, { ...DEFAULT_SEED_OPTIONS, skus: 0, today: TEST_TODAY })).toThrow(RangeError);
    expect(() => seedRetailer(sqlite, { ...DEFAULT_SEED_OPTIONS, stores: 2.5, today: TEST_TODAY })).toThrow(RangeError);
    expect(() => seedRetailer(sqlite, { ...DEFAULT_SEED_OPTIONS, today: new Date('nope') })).toThrow(RangeError);
  });
});
