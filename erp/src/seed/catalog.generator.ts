// Writes the category tree and the item master (names, GTINs, status, cost) with their hub-id mapping; returns item profiles.
import { CATEGORIES, DEPARTMENTS, HOUSE_BRAND, type CategorySpec } from './catalog-vocabulary.js';
import { forEachChunk, writeStep } from './progress-chunks.js';
import { drawBaseRate } from './demand-model.js';
import { createGtinAllocator } from './gtin-allocator.js';
import { withPriceEnding } from './price-rules.js';
import type { Prng } from './prng.js';
import type { SeedContext } from './seed-context.js';
import type { ItemProfile, ItemStatus } from './seed-model.js';

const ITEM_NO_BASE = 400_000;
export const MAX_SKUS = 199_999;

/** Relative number of lines per department (a grocer carries more grocery than light bulbs). */
const DEPARTMENT_ASSORTMENT: Record<string, number> = { GRO: 1.3, BEV: 1.0, HH: 1.0, HBA: 1.2, BABY: 0.8, GM: 0.9, FE: 0.7 };
const HOUSE_BRAND_SHARE = 0.18;
const INACTIVE_SHARE = 0.02;
const DISCONTINUED_SHARE = 0.01;
/** Items individually barred from promotion (licensing, MAP agreements) in otherwise promotable categories. */
const NON_PROMOTABLE_SHARE = 0.03;
/** An item's margin stays this far above its category minimum, so channel prices a few % lower still clear it. */
const MARGIN_HEADROOM_PCT = 8;

export interface Catalog { items: ItemProfile[]; categoryCodes: string[]; categoryRows: number }

/** Category codes: departments first (C101...), then leaf categories; index i of CATEGORIES is leafCodes[i]. */
export function generateCatalog(ctx: SeedContext, skuCount: number): Catalog {
  const departmentCodes = new Map(DEPARTMENTS.map((d, i) => [d.key, `C${101 + i}`]));
  const categoryCodes = CATEGORIES.map((_, i) => `C${101 + DEPARTMENTS.length + i}`);
  const insertCategory = ctx.sqlite.prepare(
    'INSERT INTO category (code, name, parent_code, min_margin_bp, promotable, seq) VALUES (?, ?, ?, ?, ?, ?)');
  const insertXref = ctx.sqlite.prepare('INSERT INTO xref (entity, hub_id, erp_id) VALUES (?, ?, ?)');
  const categoryRows = DEPARTMENTS.length + CATEGORIES.length;
  writeStep(ctx, 'categories', categoryRows, () => {
    let n = 0;
    const xref = (code: string) => insertXref.run('category', `CAT-${String(++n).padStart(3, '0')}`, code);
    for (const d of DEPARTMENTS) {
      const code = departmentCodes.get(d.key) as string;
      insertCategory.run(code, d.name, null, d.minMarginBp, 1, ctx.nextSeq());
      xref(code);
    }
    CATEGORIES.forEach((c, i) => {
      const code = categoryCodes[i] as string;
      insertCategory.run(code, c.name, departmentCodes.get(c.department) ?? null, c.minMarginBp, c.promotable ? 1 : 0, ctx.nextSeq());
      xref(code);
    });
  });

  const rng = ctx.rng('catalog');
  const nextGtin = createGtinAllocator();
  const weights = CATEGORIES.map((c) => DEPARTMENT_ASSORTMENT[c.department] ?? 1);
  const weightSum = weights.reduce((a, w) => a + w, 0);
  const insertItem = ctx.sqlite.prepare(`INSERT INTO item (item_no, name, description, brand, gtin, category_code, pack_size, uom, status,
    promotable, standard_cost, currency, updated_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?)`);
  const items: ItemProfile[] = [];
  forEachChunk(ctx, 'items', skuCount, (from, to) => {
    for (let i = from; i < to; i++) {
      const categoryIndex = pickWeighted(rng, weights, weightSum);
      const cat = CATEGORIES[categoryIndex] as CategorySpec;
      const item = drawItem(rng, i, categoryIndex, cat);
      const { name, description, packSize, uom, promotable } = describe(rng, item, cat);
      insertItem.run(item.itemNo, name, description, item.brand, nextGtin(item.brand), categoryCodes[categoryIndex], packSize, uom,
        item.status, promotable ? 1 : 0, item.costCents, ctx.nowIso, ctx.nextSeq());
      insertXref.run('item', item.hubId, item.itemNo);
      items.push(item);
    }
  });
  return { items, categoryCodes, categoryRows };
}

function drawItem(rng: Prng, i: number, categoryIndex: number, cat: CategorySpec): ItemProfile & { sizeIndex: number } {
  const brand = cat.houseBrand && rng.chance(HOUSE_BRAND_SHARE) ? HOUSE_BRAND : rng.pick(cat.brands);
  const u = rng.next();
  const status: ItemStatus = u < DISCONTINUED_SHARE ? 'DISCONTINUED' : u < DISCONTINUED_SHARE + INACTIVE_SHARE ? 'INACTIVE' : 'ACTIVE';
  const sizeIndex = rng.int(0, cat.sizes.length - 1);
  // Larger sizes sit higher in the category's price band (log scale, with some spread within a size).
  const position = (sizeIndex + rng.next()) / cat.sizes.length;
  const rawPrice = cat.priceLow * (cat.priceHigh / cat.priceLow) ** position;
  const priceCents = withPriceEnding(Math.round(rawPrice * 100));
  const marginPct = Math.max(cat.targetMarginPct + rng.between(-4, 4), cat.minMarginBp / 100 + MARGIN_HEADROOM_PCT);
  return {
    index: i,
    itemNo: String(ITEM_NO_BASE + i + 1),
    hubId: `SKU-${String(i + 1).padStart(6, '0')}`,
    categoryIndex,
    department: cat.department,
    brand,
    status,
    priceCents,
    costCents: Math.max(1, Math.round(priceCents * (1 - marginPct / 100))),
    baseRate: drawBaseRate(rng, cat.demandWeight, status),
    sizeIndex,
  };
}

function describe(rng: Prng, item: ItemProfile & { sizeIndex: number }, cat: CategorySpec) {
  const descriptor = rng.pick(cat.descriptors);
  const noun = rng.pick(cat.nouns);
  const size = cat.sizes[item.sizeIndex] as string;
  const multipack = /^(\d+) x /.exec(size);
  const packSize = multipack ? Number(multipack[1]) : 1;
  return {
    name: `${item.brand} ${descriptor} ${noun} ${size}`,
    description: `${descriptor} ${noun.toLowerCase()} from ${item.brand}, ${size}${packSize > 1 ? ` (pack of ${packSize})` : ''}. ${cat.name}.`,
    packSize,
    uom: packSize > 1 ? 'PK' : cat.uom,
    promotable: cat.promotable && !rng.chance(NON_PROMOTABLE_SHARE),
  };
}

function pickWeighted(rng: Prng, weights: readonly number[], sum: number): number {
  let u = rng.next() * sum;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] as number;
    if (u < 0) return i;
  }
  return weights.length - 1;
}
