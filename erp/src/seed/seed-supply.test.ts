// The seeded supply side: suppliers and their terms, open purchase orders, and the inbound stock they add up to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { TEST_TODAY, all, one, seededErp } from './seed-test-fixture.js';

describe('seeded supply', () => {
  let sqlite: Database.Database;
  beforeAll(async () => ({ sqlite } = await seededErp({ skus: 1000, stores: 20 })));
  afterAll(() => sqlite.close());

  it('has at least 40 suppliers with names and emails', () => {
    const vendors = all<{ code: string; name: string; email: string }>(sqlite, 'SELECT * FROM vendor');
    expect(vendors.length).toBeGreaterThanOrEqual(40);
    expect(new Set(vendors.map((v) => v.name)).size).toBe(vendors.length);
    for (const v of vendors) expect(v.email).toMatch(/^[a-z]+@[a-z0-9-]+\.example$/);
  });

  it('gives every SKU exactly one primary supplier and about 40% an alternate', () => {
    const perItem = all<{ primaries: number; total: number }>(sqlite,
      'SELECT sum(is_primary) AS primaries, count(*) AS total FROM vendor_item GROUP BY item_no');
    expect(perItem).toHaveLength(1000);
    expect(perItem.filter((p) => p.primaries !== 1)).toEqual([]);
    const withAlternate = perItem.filter((p) => p.total > 1).length / perItem.length;
    expect(withAlternate).toBeGreaterThan(0.33);
    expect(withAlternate).toBeLessThan(0.47);
  });

  it('offers terms a buyer can order against', () => {
    const terms = all<{ unit_cost: number; standard_cost: number; pack_size: number; moq: number; lead_time_days: number }>(sqlite,
      'SELECT v.*, i.standard_cost FROM vendor_item v JOIN item i ON i.item_no = v.item_no');
    const cases = (t: (typeof terms)[number]) => t.moq / t.pack_size;
    expect(terms.filter((t) => Math.abs(t.unit_cost - t.standard_cost) > t.standard_cost * 0.05 + 1)).toEqual([]);
    expect(new Set(terms.map((t) => t.pack_size))).toEqual(new Set([6, 12, 24, 48]));
    expect(terms.filter((t) => !Number.isInteger(cases(t)) || cases(t) < 1 || cases(t) > 4)).toEqual([]);
    expect(terms.filter((t) => t.lead_time_days < 2 || t.lead_time_days > 21)).toEqual([]);
  });

  it('leaves roughly one supplier-item in ten with capacity close to weekly demand', () => {
    // Weekly chain demand from the history itself: 90 days of sales / 90 * 7.
    const weeklyDemand = weeklyDemandByItem(sqlite);
    const terms = all<{ item_no: string; weekly_capacity: number }>(sqlite, 'SELECT item_no, weekly_capacity FROM vendor_item');
    const tight = terms.filter((t) => t.weekly_capacity < 2 * (weeklyDemand.get(t.item_no) ?? 0)).length / terms.length;
    expect(tight).toBeGreaterThan(0.04);
    expect(tight).toBeLessThan(0.2);
  });

  it('has open purchase orders to the DCs, due within two weeks', () => {
    const orders = all<{ document_no: string; hub_ref: string; status: string; expected_date: string; wh_code: string }>(sqlite,
      'SELECT o.*, w.type FROM purchase_order o JOIN warehouse w ON w.code = o.wh_code');
    expect(orders.length).toBeGreaterThan(20);
    const today = TEST_TODAY.toISOString().slice(0, 10);
    const twoWeeks = new Date(TEST_TODAY.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
    for (const o of orders) {
      expect(o.status).toBe('OPEN');
      expect(o.hub_ref).toMatch(/^PO-SEED-\d{6}$/);
      expect(o.document_no).toMatch(/^PO-ERP-\d{6}$/);
      expect(o.expected_date > today && o.expected_date <= twoWeeks).toBe(true);
    }
    const nonDc = one<{ n: number }>(sqlite, "SELECT count(*) AS n FROM purchase_order o JOIN warehouse w ON w.code = o.wh_code WHERE w.type <> 'DC'");
    expect(nonDc.n).toBe(0);
    const empty = one<{ n: number }>(sqlite, 'SELECT count(*) AS n FROM purchase_order o WHERE NOT EXISTS (SELECT 1 FROM purchase_order_line l WHERE l.document_no = o.document_no)');
    expect(empty.n).toBe(0);
  });

  it('shows exactly the open purchase order lines as on-order stock', () => {
    const mismatches = one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM stock s LEFT JOIN (
        SELECT l.item_no, o.wh_code, sum(l.quantity - l.received_qty) AS open_qty FROM purchase_order_line l
        JOIN purchase_order o ON o.document_no = l.document_no WHERE o.status = 'OPEN' GROUP BY l.item_no, o.wh_code
      ) p ON p.item_no = s.item_no AND p.wh_code = s.wh_code WHERE s.on_order <> coalesce(p.open_qty, 0)`);
    expect(mismatches.n).toBe(0);
    expect(one<{ n: number }>(sqlite, 'SELECT count(*) AS n FROM stock WHERE on_order > 0').n).toBeGreaterThan(0);
  });
});

function weeklyDemandByItem(sqlite: Database.Database): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of sqlite.prepare('SELECT item_no, daily FROM sales_history').iterate() as Iterable<{ item_no: string; daily: Buffer }>) {
    let units = 0;
    for (let d = 0; d < row.daily.length; d += 2) units += row.daily.readUInt16LE(d);
    totals.set(row.item_no, (totals.get(row.item_no) ?? 0) + units);
  }
  for (const [item, units] of totals) totals.set(item, (units / 90) * 7);
  return totals;
}
