// Seeded stock and sales history as a planner sees them: every position stocked from demand, 90 days of retail-shaped sales.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { all, one, seededErp } from './seed-test-fixture.js';

interface Series { item_no: string; wh_code: string; start_date: string; daily: Buffer }
const unitsOf = (s: Series) => Array.from({ length: s.daily.length / 2 }, (_, d) => s.daily.readUInt16LE(2 * d));

describe('seeded stock and sales history', () => {
  let sqlite: Database.Database;
  let series: Series[];
  beforeAll(async () => {
    ({ sqlite } = await seededErp({ skus: 500, stores: 20 }));
    series = all<Series>(sqlite, 'SELECT * FROM sales_history');
  });
  afterAll(() => sqlite.close());

  it('holds a stock position for every item at every location, about 3% of them empty', () => {
    const { positions, empty } = one<{ positions: number; empty: number }>(sqlite,
      'SELECT count(*) AS positions, sum(on_hand = 0) AS empty FROM stock');
    expect(positions).toBe(500 * 24);
    expect(empty / positions).toBeGreaterThan(0.015);
    expect(empty / positions).toBeLessThan(0.06);
  });

  it('holds weeks of cover at the DCs and days to weeks at the stores', () => {
    const byType = all<{ type: string; on_hand: number }>(sqlite,
      'SELECT w.type, avg(s.on_hand) AS on_hand FROM stock s JOIN warehouse w ON w.code = s.wh_code GROUP BY w.type');
    const avg = Object.fromEntries(byType.map((r) => [r.type, r.on_hand]));
    expect(avg.DC).toBeGreaterThan(5 * (avg.STORE ?? Infinity));
    // Store cover measured against the store's own history: between a few days and a month for the typical position.
    const cover = all<{ on_hand: number; daily: Buffer }>(sqlite,
      "SELECT s.on_hand, h.daily FROM stock s JOIN sales_history h USING (item_no, wh_code) JOIN warehouse w ON w.code = s.wh_code WHERE w.type = 'STORE' AND s.on_hand > 0")
      .map((r) => ({ onHand: r.on_hand, perDay: unitsOf({ daily: r.daily } as Series).reduce((a, u) => a + u, 0) / 90 }))
      .filter((r) => r.perDay >= 1)
      .map((r) => r.onHand / r.perDay)
      .sort((a, b) => a - b);
    const median = cover[Math.floor(cover.length / 2)] as number;
    expect(median).toBeGreaterThan(5);
    expect(median).toBeLessThan(30);
  });

  it('keeps 90 days of history for every item at every selling location, none at the DCs', () => {
    expect(series).toHaveLength(500 * 21);
    const dcSeries = one<{ n: number }>(sqlite, "SELECT count(*) AS n FROM sales_history h JOIN warehouse w ON w.code = h.wh_code WHERE w.type = 'DC'");
    expect(dcSeries.n).toBe(0);
    expect(new Set(series.map((s) => s.daily.length))).toEqual(new Set([180]));
    expect(new Set(series.map((s) => s.start_date))).toEqual(new Set(['2024-12-12'])); // TEST_TODAY 2025-03-12 minus 90 days
  });

  it('looks like retail demand: long-tailed across items, intermittent for slow movers', () => {
    const perItem = new Map<string, number>();
    for (const s of series) perItem.set(s.item_no, (perItem.get(s.item_no) ?? 0) + unitsOf(s).reduce((a, u) => a + u, 0));
    const totals = [...perItem.values()].sort((a, b) => b - a);
    const all = totals.reduce((a, u) => a + u, 0);
    const top10 = totals.slice(0, totals.length / 10).reduce((a, u) => a + u, 0);
    expect(top10 / all).toBeGreaterThan(0.4); // a few fast movers carry much of the volume
    const storeDays = series.filter((s) => s.wh_code !== 'W9901').flatMap(unitsOf);
    const zeroShare = storeDays.filter((u) => u === 0).length / storeDays.length;
    expect(zeroShare).toBeGreaterThan(0.3);
    expect(zeroShare).toBeLessThan(0.95);
  });

  it('sells more at weekends than early in the week', () => {
    const byWeekday = new Array<number>(7).fill(0);
    const start = new Date('2024-12-12T00:00:00Z').getUTCDay();
    for (const s of series) unitsOf(s).forEach((u, d) => { byWeekday[(start + d) % 7] = (byWeekday[(start + d) % 7] ?? 0) + u; });
    const [sunday, monday, tuesday, , , , saturday] = byWeekday as [number, number, number, number, number, number, number];
    expect(saturday).toBeGreaterThan(1.3 * tuesday);
    expect(sunday).toBeGreaterThan(1.2 * monday);
  });

  it('sells more in big stores than small ones, and the ecommerce FC more than any store', () => {
    const perLocation = new Map<string, number>();
    for (const s of series) perLocation.set(s.wh_code, (perLocation.get(s.wh_code) ?? 0) + unitsOf(s).reduce((a, u) => a + u, 0));
    const stores = [...perLocation.entries()].filter(([code]) => code !== 'W9901').map(([, u]) => u).sort((a, b) => a - b);
    expect((stores[stores.length - 1] as number) / (stores[0] as number)).toBeGreaterThan(1.8);
    expect(perLocation.get('W9901')).toBeGreaterThan(stores[stores.length - 1] as number);
  });
});
