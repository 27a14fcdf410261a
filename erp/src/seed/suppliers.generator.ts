// Writes the vendors and what each supplies on which terms (cost, case, MOQ, lead time, capacity); returns primary terms.
import { apportion } from './apportion.js';
import { CATEGORIES, DEPARTMENTS } from './catalog-vocabulary.js';
import { forEachChunk, writeStep } from './progress-chunks.js';
import { networkSellingSize } from './demand-model.js';
import type { Prng } from './prng.js';
import type { SeedContext } from './seed-context.js';
import type { ItemProfile, LocationProfile, PrimarySupply, SupplierProfile } from './seed-model.js';
import { DEPARTMENT_TRADE_SUFFIX, SUPPLIER_COUNT, SUPPLIER_STEMS, WHOLESALER_COUNT, WHOLESALE_SUFFIX } from './supplier-vocabulary.js';

const ALTERNATE_SHARE = 0.4;
/** Share of supplier-items whose weekly capacity barely covers demand, so replenishment meets capacity limits. */
const TIGHT_CAPACITY_SHARE = 0.1;

export interface SupplyNetwork { suppliers: SupplierProfile[]; primary: PrimarySupply; vendorItems: number }

export function generateSuppliers(ctx: SeedContext, items: readonly ItemProfile[], locations: readonly LocationProfile[]): SupplyNetwork {
  const rng = ctx.rng('suppliers');
  const suppliers = buildSuppliers(rng);
  const insertVendor = ctx.sqlite.prepare(
    "INSERT INTO vendor (code, name, email, currency, active, updated_at, seq) VALUES (?, ?, ?, 'USD', 1, ?, ?)");
  const insertXref = ctx.sqlite.prepare("INSERT INTO xref (entity, hub_id, erp_id) VALUES ('supplier', ?, ?)");
  writeStep(ctx, 'suppliers', suppliers.length, () => {
    for (const s of suppliers) {
      insertVendor.run(s.code, s.name, `orders@${slug(s.name)}.example`, ctx.nowIso, ctx.nextSeq());
      insertXref.run(s.hubId, s.code);
    }
  });

  const specialists = new Map(DEPARTMENTS.map((d) => [d.key, suppliers.filter((s) => s.department === d.key)]));
  const wholesalers = suppliers.filter((s) => s.department === null);
  // A brand comes from one manufacturer: all its items in a department share a primary supplier.
  const brandSupplier = new Map<string, SupplierProfile>();
  const weeklyNetworkUnits = networkSellingSize(locations) * 7;
  const primary: PrimarySupply = {
    vendorIndex: new Int32Array(items.length),
    unitCostCents: new Int32Array(items.length),
    casePack: new Int32Array(items.length),
    moq: new Int32Array(items.length),
  };
  const insertTerms = ctx.sqlite.prepare(`INSERT INTO vendor_item (vendor_code, item_no, unit_cost, currency, pack_size, moq, lead_time_days,
    weekly_capacity, is_primary, updated_at, seq) VALUES (?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?, ?)`);
  let vendorItems = 0;
  const writeTerms = (s: SupplierProfile, item: ItemProfile, isPrimary: boolean) => {
    const casePack = caseSizeFor(rng, item.priceCents);
    const unitCost = Math.max(1, Math.round(item.costCents * rng.between(0.95, 1.05)));
    const moq = casePack * rng.int(1, 4);
    const weeklyDemand = item.baseRate * weeklyNetworkUnits;
    const headroom = rng.chance(TIGHT_CAPACITY_SHARE) ? rng.between(0.9, 1.3) : rng.between(3, 8);
    const capacity = Math.max(casePack * (headroom < 2 ? 1 : 10), Math.ceil((weeklyDemand * headroom) / casePack) * casePack);
    const leadTime = Math.min(21, Math.max(2, s.leadTimeDays + rng.int(-1, 1)));
    insertTerms.run(s.code, item.itemNo, unitCost, casePack, moq, leadTime, capacity, isPrimary ? 1 : 0, ctx.nowIso, ctx.nextSeq());
    vendorItems++;
    if (isPrimary) {
      primary.vendorIndex[item.index] = s.index;
      primary.unitCostCents[item.index] = unitCost;
      primary.casePack[item.index] = casePack;
      primary.moq[item.index] = moq;
    }
  };

  forEachChunk(ctx, 'supplier-items', items.length, (from, to) => {
    for (let i = from; i < to; i++) {
      const item = items[i] as ItemProfile;
      const local = specialists.get(item.department) ?? wholesalers;
      const key = `${item.department}|${item.brand}`;
      let main = brandSupplier.get(key);
      if (!main) brandSupplier.set(key, (main = rng.pick(local)));
      writeTerms(main, item, true);
      if (rng.chance(ALTERNATE_SHARE)) {
        const others = local.filter((s) => s !== main);
        writeTerms(others.length > 0 && rng.chance(0.5) ? rng.pick(others) : rng.pick(wholesalers), item, false);
      }
    }
  });
  return { suppliers, primary, vendorItems };
}

/** Specialists split over departments by how many categories each has; wholesalers last. */
function buildSuppliers(rng: Prng): SupplierProfile[] {
  const counts = apportion(DEPARTMENTS.map((d) => CATEGORIES.filter((c) => c.department === d.key).length), SUPPLIER_COUNT - WHOLESALER_COUNT);
  const stems = rng.shuffle([...SUPPLIER_STEMS]);
  const plan: { department: string | null; suffix: string }[] = [
    ...DEPARTMENTS.flatMap((d, i) => Array.from({ length: counts[i] ?? 0 }, () => ({ department: d.key, suffix: DEPARTMENT_TRADE_SUFFIX[d.key] ?? 'Supply Co.' }))),
    ...Array.from({ length: WHOLESALER_COUNT }, () => ({ department: null, suffix: WHOLESALE_SUFFIX })),
  ];
  return plan.map(({ department, suffix }, i) => ({
    index: i,
    code: `V${10_001 + i}`,
    hubId: `SUP-${String(i + 1).padStart(4, '0')}`,
    name: `${stems[i % stems.length]} ${suffix}`,
    department,
    // Wholesalers hold stock near the stores; manufacturers may ship from far away.
    leadTimeDays: department === null ? rng.int(3, 7) : rng.int(2, 21),
  }));
}

/** Cases hold more of cheap, small goods: 48 cans of soup, 6 toasters. */
function caseSizeFor(rng: Prng, priceCents: number): number {
  if (priceCents < 300) return rng.chance(0.5) ? 24 : 48;
  if (priceCents < 1000) return rng.chance(0.5) ? 12 : 24;
  if (priceCents < 3000) return rng.chance(0.5) ? 6 : 12;
  return 6;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
