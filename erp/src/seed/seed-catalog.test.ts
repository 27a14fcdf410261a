// The seeded catalogue a merchant would check: barcodes, categories, who may be promoted, prices that keep their margin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { isValidGtin13 } from './gtin.js';
import { all, one, seededErp } from './seed-test-fixture.js';

interface ItemRow { item_no: string; name: string; gtin: string; category_code: string; status: string; promotable: number; standard_cost: number; pack_size: number }

describe('seeded catalogue', () => {
  let sqlite: Database.Database;
  let items: ItemRow[];
  beforeAll(async () => {
    ({ sqlite } = await seededErp({ skus: 2000, stores: 5 }));
    items = all<ItemRow>(sqlite, 'SELECT * FROM item');
  });
  afterAll(() => sqlite.close());

  it('gives every item a valid, unique GTIN-13', () => {
    expect(items).toHaveLength(2000);
    expect(items.filter((i) => !isValidGtin13(i.gtin))).toEqual([]);
    expect(new Set(items.map((i) => i.gtin)).size).toBe(items.length);
  });

  it('spreads items over at least 30 categories under a few departments, each with several brands', () => {
    const leaves = all<{ code: string; parent_code: string | null; min_margin_bp: number }>(sqlite, 'SELECT * FROM category WHERE parent_code IS NOT NULL');
    const departments = one<{ n: number }>(sqlite, 'SELECT count(*) AS n FROM category WHERE parent_code IS NULL').n;
    expect(leaves.length).toBeGreaterThanOrEqual(30);
    expect(departments).toBeGreaterThanOrEqual(3);
    for (const c of leaves) expect(c.min_margin_bp).toBeGreaterThanOrEqual(1000);
    const brands = all<{ category_code: string; n: number }>(sqlite, 'SELECT category_code, count(DISTINCT brand) AS n FROM item GROUP BY category_code');
    expect(brands.length).toBeGreaterThanOrEqual(30);
    for (const b of brands) expect(b.n, b.category_code).toBeGreaterThanOrEqual(3);
  });

  it('names items brand + descriptor + noun + size, with a pack size and unit', () => {
    for (const item of items.slice(0, 200)) {
      expect(item.name.split(' ').length).toBeGreaterThanOrEqual(4);
      expect(item.name).toMatch(/\d/); // the size
      expect(item.pack_size).toBeGreaterThanOrEqual(1);
    }
  });

  it('keeps most items active, a few inactive or discontinued', () => {
    const share = (status: string) => items.filter((i) => i.status === status).length / items.length;
    expect(share('ACTIVE')).toBeGreaterThan(0.95);
    expect(share('INACTIVE')).toBeGreaterThan(0.005);
    expect(share('INACTIVE')).toBeLessThan(0.04);
    expect(share('DISCONTINUED')).toBeGreaterThan(0.002);
    expect(share('DISCONTINUED')).toBeLessThan(0.025);
  });

  it('never lets tobacco or infant formula be promoted, and bars ~3% of other items', () => {
    const barred = all<{ code: string; name: string; promotable: number }>(sqlite, "SELECT * FROM category WHERE name IN ('Tobacco', 'Infant Formula')");
    expect(barred.map((c) => c.promotable)).toEqual([0, 0]);
    const barredCodes = new Set(barred.map((c) => c.code));
    const inBarred = items.filter((i) => barredCodes.has(i.category_code));
    expect(inBarred.length).toBeGreaterThan(0);
    for (const item of inBarred) expect(item.promotable, item.item_no).toBe(0);
    const others = items.filter((i) => !barredCodes.has(i.category_code));
    const share = others.filter((i) => i.promotable === 0).length / others.length;
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.06);
  });

  it('prices every channel and region above cost plus the category minimum margin, with charm endings', () => {
    const prices = all<{ item_no: string; channel: string; region: string; amount: number; cost: number; min_bp: number; currency: string; valid_from: string; valid_to: string | null }>(sqlite,
      `SELECT p.*, i.standard_cost AS cost, c.min_margin_bp AS min_bp FROM price_condition p
         JOIN item i ON i.item_no = p.item_no JOIN category c ON c.code = i.category_code`);
    expect(prices.length).toBe(items.length * 5);
    // Collected, not asserted row by row: 10,000 expect() calls would dominate the test's time.
    const thin = prices.filter((p) => (p.amount - p.cost) * 10_000 < p.min_bp * p.amount);
    expect(thin).toEqual([]);
    expect(prices.filter((p) => p.amount % 100 !== 49 && p.amount % 100 !== 99)).toEqual([]);
    expect(new Set(prices.map((p) => `${p.currency} ${p.valid_from} ${p.valid_to}`))).toEqual(new Set(['USD 2020-01-01 null']));
  });

  it('has a national price per channel and dearer store prices in the WEST and NORTHEAST', () => {
    const rows = all<{ channel: string; region: string; n: number }>(sqlite,
      'SELECT channel, region, count(*) AS n FROM price_condition GROUP BY channel, region ORDER BY channel, region');
    expect(rows).toEqual([
      { channel: 'ECOMMERCE', region: '', n: 2000 },
      { channel: 'MOBILE', region: '', n: 2000 },
      { channel: 'STORE', region: '', n: 2000 },
      { channel: 'STORE', region: 'NORTHEAST', n: 2000 },
      { channel: 'STORE', region: 'WEST', n: 2000 },
    ]);
    const dearer = one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM price_condition r JOIN price_condition n
      ON n.item_no = r.item_no AND n.channel = 'STORE' AND n.region = '' WHERE r.region = 'WEST' AND r.amount <= n.amount`);
    expect(dearer.n).toBe(0);
  });

  it('sets standard cost from the price at a 20-50% category margin', () => {
    const margins = all<{ m: number }>(sqlite,
      "SELECT 1.0 * (p.amount - i.standard_cost) / p.amount AS m FROM item i JOIN price_condition p ON p.item_no = i.item_no AND p.channel = 'STORE' AND p.region = ''");
    expect(margins.filter(({ m }) => m <= 0.15 || m >= 0.56)).toEqual([]);
  });
});
