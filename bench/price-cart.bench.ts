// Benchmark: the pricing engine alone pricing 20-line carts against 10,000 active promotions (targets by SKU, category and brand),
// against two baselines in the same run: no promotions at all, and the same promotions found by scanning instead of the index.
// Run: npx tsx bench/price-cart.bench.ts [--carts 20000] [--promotions 10000] [--skus 20000]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { EnginePromotion, PromotionType } from '../subgraphs/pricing/src/engine/engine-model.js';
import { PROMOTION_TYPES } from '../subgraphs/pricing/src/engine/engine-model.js';
import { priceCartWithPromotions, type PromotionalCartLine } from '../subgraphs/pricing/src/engine/price-cart.js';
import { describeDeal } from '../subgraphs/pricing/src/engine/promotion-description.js';
import { PromotionIndex } from '../subgraphs/pricing/src/engine/promotion-index.js';
import { percentile } from './support/stats.js';
import { seededRandom } from './support/seeded-random.js';

const { values } = parseArgs({ options: { carts: { type: 'string', default: '20000' }, promotions: { type: 'string', default: '10000' }, skus: { type: 'string', default: '20000' }, lines: { type: 'string', default: '20' } } });
const CARTS = Number(values.carts);
const PROMOTIONS = Number(values.promotions);
const SKUS = Number(values.skus);
const LINES = Number(values.lines);
const CATEGORIES = Math.max(1, Math.round(SKUS / 50));
const BRANDS = Math.max(1, Math.round(SKUS / 30));

const rand = seededRandom(42);
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const sku = (i: number) => `SKU-${String(i).padStart(6, '0')}`;
const catalog = Array.from({ length: SKUS }, (_, i) => {
  const price = int(99, 9999);
  return { sku: sku(i + 1), price, cost: Math.round(price * (0.45 + rand() * 0.3)), category: `CAT-${i % CATEGORIES}`, brand: `BRAND-${int(0, BRANDS - 1)}` };
});

function rule(type: PromotionType) {
  switch (type) {
    case 'PERCENT_OFF': return { percentOffBp: int(5, 40) * 100 };
    case 'AMOUNT_OFF': return { amountOff: int(10, 300) };
    case 'FIXED_PRICE': return { fixedPrice: int(99, 4999) };
    case 'BUY_X_GET_Y': return { buyQuantity: int(1, 3), getQuantity: 1 };
    case 'MULTIBUY': return { bundleQuantity: int(2, 4), bundlePrice: int(300, 9000) };
    case 'SPEND_THRESHOLD': return { spendThreshold: int(2000, 10000), spendDiscount: int(200, 1500) };
  }
}

// 70% name a few SKUs, 20% a category, 10% a brand; one in ten is exclusive.
const promotions: EnginePromotion[] = Array.from({ length: PROMOTIONS }, (_, i) => {
  const type = PROMOTION_TYPES[int(0, PROMOTION_TYPES.length - 1)]!;
  const r = { currency: 'USD', ...rule(type) };
  const kind = rand();
  const targets = kind < 0.7 ? { skus: Array.from({ length: int(1, 5) }, () => sku(int(1, SKUS))) } : kind < 0.9 ? { categoryIds: [`CAT-${int(0, CATEGORIES - 1)}`] } : { brands: [`BRAND-${int(0, BRANDS - 1)}`] };
  return { id: `PROMO-${String(i).padStart(5, '0')}`, type, rule: r, stacking: rand() < 0.1 ? 'EXCLUSIVE' : 'STACKABLE', priority: int(0, 9), description: describeDeal(type, r), targets };
});

const carts: PromotionalCartLine[][] = Array.from({ length: Math.min(CARTS, 5000) }, () => {
  const picked = new Map<string, PromotionalCartLine>();
  while (picked.size < LINES) {
    const item = catalog[int(0, SKUS - 1)]!;
    const money = { centAmount: item.price, currency: 'USD' };
    picked.set(item.sku, { sku: item.sku, quantity: int(1, 6), unitPrice: money, regularUnitPrice: money, unitCost: item.cost, categoryIds: [item.category], brand: item.brand });
  }
  return [...picked.values()];
});

/** The index's job done the slow way: every promotion tested against every line. */
function scanned(lines: readonly PromotionalCartLine[]): EnginePromotion[] {
  return promotions.filter((p) => lines.some((l) => p.targets.skus?.includes(l.sku) || p.targets.categoryIds?.some((c) => l.categoryIds!.includes(c)) || p.targets.brands?.includes(l.brand!)));
}

function run(name: string, price: (lines: PromotionalCartLine[]) => number, count = CARTS) {
  // A running service is warm: two passes over every cart first, so the optimiser has seen every path.
  for (let i = 0; i < Math.min(count, 2 * carts.length); i++) price(carts[i % carts.length]!);
  const samples: number[] = [];
  const cpu: number[] = [];
  let discounted = 0;
  for (let i = 0; i < count; i++) {
    const lines = carts[i % carts.length]!;
    const cpuStart = process.cpuUsage();
    const started = process.hrtime.bigint();
    discounted += price(lines);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const result = { name, carts: count, p50: percentile(samples, 50), p99: percentile(samples, 99), cpuP50: percentile(cpu, 50), cpuP99: percentile(cpu, 99), avgDiscountCents: Math.round(discounted / count) };
  console.log(`${name.padEnd(44)} wall p50 ${result.p50.toFixed(3)} ms  p99 ${result.p99.toFixed(3)} ms | cpu p50 ${result.cpuP50.toFixed(3)} ms  p99 ${result.cpuP99.toFixed(3)} ms | avg discount ${result.avgDiscountCents} cents`);
  return result;
}

const builtAt = performance.now();
const index = new PromotionIndex(promotions);
const buildMs = performance.now() - builtAt;
const engineLines = (c: PromotionalCartLine[]) => c.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.regularUnitPrice.centAmount, categoryIds: l.categoryIds, brand: l.brand }));
const candidates = carts.slice(0, 1000).map((c) => index.candidates(engineLines(c)).length);
console.log(`${PROMOTIONS} promotions over ${SKUS} SKUs (${CATEGORIES} categories, ${BRANDS} brands), ${LINES}-line carts; index built in ${buildMs.toFixed(0)} ms; promotions touching a cart: median ${percentile(candidates, 50)}, p99 ${percentile(candidates, 99)}\n`);

const cart = (lines: PromotionalCartLine[], with_: PromotionIndex | EnginePromotion[]) => priceCartWithPromotions({ channel: 'STORE', currency: 'USD', lines }, with_).discountTotal.centAmount;
const none = run('baseline: no promotions', (lines) => cart(lines, []));
const indexed = run(`engine: ${PROMOTIONS.toLocaleString('en-US')} promotions, indexed`, (lines) => cart(lines, index));
const scan = run('baseline: the same promotions by scanning', (lines) => cart(lines, scanned(lines)), Math.min(CARTS, 1000));
console.log(`\nengine p99 ${indexed.p99.toFixed(3)} ms wall, ${indexed.cpuP99.toFixed(3)} ms cpu (target < 2 ms); p50 ${(indexed.p50 / none.p50).toFixed(0)}x the no-promotion p50; the scan's p50 is ${(scan.p50 / indexed.p50).toFixed(0)}x the indexed one`);
console.log(`machine load average while running: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (2 cores); wall-clock percentiles include time the process waited for a core`);
