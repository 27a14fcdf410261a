// Benchmark: priceCart through the gateway of the embedded hub (a real process), 20-line carts, first with no promotion running
// (the baseline; before it, a plain product query through the same gateway), then with 10,000 live promotions in pricing's store: p50, p99 and carts per second at a fixed concurrency.
// Run: npx tsx bench/price-cart-gateway.bench.ts [--seconds 15] [--clients 16] [--promotions 10000]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { Agent, fetch } from 'undici';
import { startServices } from './support/service-process.js';
import { percentile } from './support/stats.js';
import { seededRandom } from './support/seeded-random.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, clients: { type: 'string', default: '16' }, promotions: { type: 'string', default: '10000' }, skus: { type: 'string', default: '2000' }, stores: { type: 'string', default: '20' } } });
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const PROMOTIONS = Number(values.promotions);
const KEY = `rh_live_benchpricin2_${'p'.repeat(43)}`;
const PRODUCT = /* GraphQL */ `query($sku: ID!) { product(sku: $sku) { sku name } }`;
const PRICE_CART = /* GraphQL */ `query($input: PriceCartInput!) { priceCart(input: $input) { total { centAmount } discountTotal { centAmount } lines { sku discount { centAmount } adjustments { promotionId amount { centAmount } } } } }`;
const TYPES: [string, (r: () => number) => object][] = [
  ['PERCENT_OFF', (r) => ({ percentOffBp: (5 + Math.floor(r() * 30)) * 100 })],
  ['AMOUNT_OFF', (r) => ({ amountOff: 10 + Math.floor(r() * 200) })],
  ['FIXED_PRICE', (r) => ({ fixedPrice: 99 + Math.floor(r() * 3000) })],
  ['BUY_X_GET_Y', (r) => ({ buyQuantity: 1 + Math.floor(r() * 3), getQuantity: 1 })],
  ['MULTIBUY', (r) => ({ bundleQuantity: 2 + Math.floor(r() * 3), bundlePrice: 300 + Math.floor(r() * 5000) })],
  ['SPEND_THRESHOLD', (r) => ({ spendThreshold: 2000 + Math.floor(r() * 8000), spendDiscount: 200 + Math.floor(r() * 1000) })],
];


const agent = new Agent({ connections: CLIENTS, headersTimeout: 60_000, bodyTimeout: 60_000 });
const dataDir = mkdtempSync(join(tmpdir(), 'bench-price-cart-'));
const service = await startServices(['--port', '0', '--subgraph-ports', '0', '--data-dir', dataDir, '--skus', values.skus!, '--stores', values.stores!], { HUB_BOOTSTRAP_ADMIN_KEY: KEY });
const url = /GraphQL endpoint:\s+(http:\/\/\S+\/graphql)/.exec(service.output())![1]!.replace('localhost', '127.0.0.1');

try {
  const erp = new SQLite(join(dataDir, 'erp.db'), { readonly: true });
  const items = erp.prepare(`select x.hub_id as sku, i.category_code as category, i.brand, i.standard_cost as cost from item i join xref x on x.entity = 'item' and x.erp_id = i.item_no where i.status = 'ACTIVE' order by x.hub_id`).all() as { sku: string; category: string; brand: string; cost: number }[];
  const locations = erp.prepare(`select x.hub_id as id, w.type, w.region, w.time_zone as tz from warehouse w join xref x on x.entity = 'location' and x.erp_id = w.code where w.type in ('STORE', 'ECOM_FC')`).all() as { id: string; type: string; region: string; tz: string }[];
  erp.close();
  const stores = locations.filter((l) => l.type === 'STORE').map((l) => l.id);
  const rand = seededRandom(7);
  const carts = Array.from({ length: 500 }, (_, i) => {
    const picked = new Set<string>();
    while (picked.size < 20) picked.add(items[Math.floor(rand() * items.length)]!.sku);
    const online = i % 3 === 0;
    return { channel: online ? 'ECOMMERCE' : 'STORE', ...(online ? {} : { locationId: stores[i % stores.length] }), lines: [...picked].map((sku) => ({ sku, quantity: 1 + Math.floor(rand() * 4) })) };
  });

  /** A cart per request, or with `plain`, one product by SKU: the cheapest query through the same gateway, key and connections. */
  const load = async (name: string, plain = false) => {
    const samples: number[] = [];
    let discounted = 0;
    let failures = 0;
    const deadline = Date.now() + SECONDS * 1000;
    let next = 0;
    const client = async () => {
      while (Date.now() < deadline) {
        const input = carts[next++ % carts.length]!;
        const started = performance.now();
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify(plain ? { query: PRODUCT, variables: { sku: input.lines[0]!.sku } } : { query: PRICE_CART, variables: { input } }), dispatcher: agent });
        const body = (await response.json()) as { data?: { priceCart?: { discountTotal: { centAmount: number } } }; errors?: unknown[] };
        samples.push(performance.now() - started);
        if (!body.data || body.errors) failures++;
        else if ((body.data.priceCart?.discountTotal.centAmount ?? 0) > 0) discounted++;
      }
    };
    const began = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const seconds = (performance.now() - began) / 1000;
    const result = { name, carts: samples.length, perSecond: samples.length / seconds, p50: percentile(samples, 50), p99: percentile(samples, 99), discountedShare: discounted / samples.length, failures };
    console.log(`${name.padEnd(34)} ${result.perSecond.toFixed(0).padStart(5)} carts/s   p50 ${result.p50.toFixed(1)} ms   p99 ${result.p99.toFixed(1)} ms   carts with a discount ${(result.discountedShare * 100).toFixed(0)}%   failures ${failures}`);
    return result;
  };

  await load('warm-up');
  const plain = await load('baseline: product(sku) { sku name }', true);
  const baseline = await load('baseline: no promotions');

  // 10,000 live promotions written straight into pricing's store: creating them through the API means validating each.
  const pricing = new SQLite(join(dataDir, 'pricing.db'));
  pricing.pragma('busy_timeout = 10000');
  const now = Date.now();
  const from = new Date(now - 86_400_000).toISOString();
  const to = new Date(now + 30 * 86_400_000).toISOString();
  const insertPromotion = pricing.prepare(`insert into promotion (id, name, description, type, rule, currency, stacking, priority, channels, ch_store, ch_ecommerce, ch_mobile, targets, locations, starts_local, ends_local, expected_uplift, status, status_reason, validation_run, version, created_by, created_at, updated_at, submitted_at, scheduled_at, cancelled_at, ended_at)
    values (?, ?, null, ?, ?, 'USD', ?, ?, '["STORE","ECOMMERCE","MOBILE"]', 1, 1, 1, ?, '{"scope":"ALL","regions":[],"locationIds":[]}', '2000-01-01T00:00', '2100-01-01T00:00', 1.5, 'LIVE', null, 1, 1, 'bench', ?, ?, ?, ?, null, null)`);
  const insertItem = pricing.prepare(`insert or ignore into promotion_item values (?, ?, ?, ?, ?, 2000, 0, 0, 'ACTIVE', 1, 3, 1000)`);
  const insertWindow = pricing.prepare(`insert into promotion_location values (?, ?, ?, ?, ?, ?, ?, ?, null)`);
  const at = new Date(now).toISOString();
  pricing.transaction(() => {
    for (let i = 0; i < PROMOTIONS; i++) {
      const id = `PROMO-B${String(i).padStart(8, '0')}`;
      const [type, rule] = TYPES[i % TYPES.length]!;
      const targets = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => items[Math.floor(rand() * items.length)]!);
      insertPromotion.run(id, `Bench ${i}`, type, JSON.stringify({ currency: 'USD', ...rule(rand) }), rand() < 0.1 ? 'EXCLUSIVE' : 'STACKABLE', Math.floor(rand() * 10), JSON.stringify({ skus: targets.map((t) => t.sku) }), at, at, at, at);
      for (const t of targets) insertItem.run(id, t.sku, t.category, t.brand, t.cost);
      for (const l of locations) insertWindow.run(id, l.id, l.type === 'ECOM_FC' ? 1 : 0, l.region, l.tz, from, to, at);
    }
  })();
  pricing.close();
  console.log(`\nwrote ${PROMOTIONS} live promotions (${locations.length} locations each) into pricing's store`);
  const loaded = await load(`with ${PROMOTIONS.toLocaleString('en-US')} promotions`);
  console.log(`\n${CLIENTS} clients, ${SECONDS} s per phase; with promotions: p50 ${(loaded.p50 / baseline.p50).toFixed(2)}x, p99 ${(loaded.p99 / baseline.p99).toFixed(2)}x, throughput ${(loaded.perSecond / baseline.perSecond).toFixed(2)}x the no-promotion carts`);
  console.log(`against the plain product query: no-promotion cart p50 ${(baseline.p50 / plain.p50).toFixed(2)}x, with promotions p50 ${(loaded.p50 / plain.p50).toFixed(2)}x, p99 ${(loaded.p99 / plain.p99).toFixed(2)}x, throughput ${(loaded.perSecond / plain.perSecond).toFixed(2)}x`);
  console.log(`machine load average: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (2 cores)`);
} finally {
  await service.stop();
  await agent.close();
  rmSync(dataDir, { recursive: true, force: true });
}
