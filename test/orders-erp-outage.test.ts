// The ERP down while orders come in, on SQLite and PostgreSQL: every order still confirms; after recovery each posting is booked once, at the configured pace.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_DIALECTS } from '@retail-hub/platform/store/test-stores';
import { PLACE_ORDER, setOnHand, startOrdersHub, storeOrder, type OrdersHub } from './support/orders-hub.js';
import { within } from '@retail-hub/platform/testing/within';

/** The numbers; run with others through the environment. */
const ORDERS = Number(process.env.ORDERS_TEST_OUTAGE_ORDERS ?? 500);
const RATE = Number(process.env.ORDERS_TEST_POSTING_RATE ?? 100);
const SKUS = Array.from({ length: 10 }, (_, i) => `SKU-${String(40 + i).padStart(6, '0')}`);
const STORES = ['LOC-S0001', 'LOC-S0002', 'LOC-S0003', 'LOC-S0004', 'LOC-S0005'];

describe.each(TEST_DIALECTS)('an ERP outage on %s', (dialect) => {
  let h: OrdersHub;

  beforeAll(async () => {
    // A slow drain (100 postings/s) and a breaker that opens after two failed sends make both visible.
    h = await startOrdersHub(dialect, { env: { HUB_ERP_POSTING_RATE: String(RATE), HUB_ERP_BREAKER_THRESHOLD: '2', HUB_ERP_BREAKER_OPEN_MS: '200' } });
    for (const sku of SKUS) for (const store of STORES) await setOnHand(h, sku, store, Math.ceil(ORDERS / 50) + 5);
  }, 300_000);
  afterAll(async () => h?.dispose());

  const pending = async () => (await h.gql(`{ erpPostings(filter: { status: PENDING }, first: 1) { totalCount } }`)).data.erpPostings.totalCount as number;

  it(`confirms ${ORDERS} orders while the ERP is down, then books every posting exactly once when it is back`, { timeout: 600_000 }, async () => {
    await h.erpFaults('outage');
    const results = await Promise.all(
      Array.from({ length: ORDERS }, (_, i) => h.gql(PLACE_ORDER, { key: `outage-${i}`, input: storeOrder(STORES[i % STORES.length]!, [{ sku: SKUS[Math.floor(i / STORES.length) % SKUS.length]!, quantity: 1 }], `CUST-${i}`) })),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const orders = results.map((r) => r.data.placeOrder.order);
    expect(orders.every((o) => o?.status === 'CONFIRMED' && o.paymentStatus === 'AUTHORIZED')).toBe(true);
    const ids = orders.map((o) => o.id as string);
    expect(new Set(ids).size).toBe(ORDERS);

    // Down: the postings wait; the circuit breaker stopped sending after a couple of failed batches.
    await new Promise((r) => setTimeout(r, 2000));
    expect(await pending()).toBe(ORDERS);
    if (ORDERS > 100) {
      const attempts = (await h.gql(`{ erpPostings(filter: { status: PENDING }, first: 200) { nodes { attempts } } }`)).data.erpPostings.nodes.map((n: { attempts: number }) => n.attempts);
      expect(attempts.filter((a: number) => a === 0).length).toBeGreaterThan(0);
    }
    expect(h.erpLedger(ids)).toEqual([]);

    await h.erpFaults('none');
    await vi.waitFor(async () => expect(await pending(), 'postings not yet booked').toBe(0), within(120_000));
    const ledger = h.erpLedger(ids);
    expect(ledger).toHaveLength(ORDERS);
    expect(new Set(ledger.map((d) => d.posting_id))).toEqual(new Set(ids.map((id) => `${id}-SO`)));
    const totals = new Map(orders.map((o) => [o.id, o.total.centAmount]));
    for (const doc of ledger) {
      expect(doc.kind).toBe('SALES_DOCUMENT');
      expect(doc.total).toBe(totals.get(doc.order_ref));
    }
    // The backlog went to the recovering ERP no faster than the configured rate (one batch of burst aside).
    const booked = ledger.map((d) => Date.parse(d.booked_at)).sort((a, b) => a - b);
    expect(booked.at(-1)! - booked[0]!).toBeGreaterThanOrEqual((Math.max(0, ORDERS - 50) / RATE) * 1000 * 0.9);
    // Every order shows its posting as booked, with the ERP's document number.
    const shown = await h.gql(`query($id: ID!) { order(id: $id) { erpPostings { id kind status attempts documentNo } } }`, { id: ids[0] });
    expect(shown.data.order.erpPostings).toEqual([{ id: `${ids[0]}-SO`, kind: 'SALES_DOCUMENT', status: 'POSTED', attempts: expect.any(Number), documentNo: expect.stringMatching(/^SO-/) }]);
  });
});
