// Writes the open purchase orders already on their way to the DCs; returns the units on order per item and DC.
import { writeStep } from './progress-chunks.js';
import { isoDatePlusDays, type SeedContext } from './seed-context.js';
import type { ItemProfile, LocationProfile, PrimarySupply, SupplierProfile } from './seed-model.js';

/** Chance that an active item is on an open order at a given DC: a week or two of replenishment in flight. */
const ON_ORDER_SHARE = 0.12;
const MAX_ORDERS_PER_SUPPLIER_AND_DC = 3;

export interface OpenOrders {
  purchaseOrders: number;
  lines: number;
  /** Units on open orders, keyed by onOrderKey(item, location). */
  onOrder: Map<number, number>;
}

export function onOrderKey(itemIndex: number, locationIndex: number, locationCount: number): number {
  return itemIndex * locationCount + locationIndex;
}

export function generatePurchaseOrders(
  ctx: SeedContext, items: readonly ItemProfile[], locations: readonly LocationProfile[],
  suppliers: readonly SupplierProfile[], primary: PrimarySupply,
): OpenOrders {
  const rng = ctx.rng('purchase-orders');
  // Only live lines are reordered; inactive and discontinued items run down what they have.
  const itemsBySupplier: number[][] = suppliers.map(() => []);
  for (const item of items) if (item.status === 'ACTIVE') itemsBySupplier[primary.vendorIndex[item.index] as number]?.push(item.index);

  const insertOrder = ctx.sqlite.prepare(`INSERT INTO purchase_order (document_no, hub_ref, vendor_code, wh_code, status, expected_date, currency,
    created_at, updated_at, seq) VALUES (?, ?, ?, ?, 'OPEN', ?, 'USD', ?, ?, ?)`);
  const insertLine = ctx.sqlite.prepare(
    'INSERT INTO purchase_order_line (document_no, line_no, item_no, quantity, unit_cost, received_qty) VALUES (?, ?, ?, ?, ?, 0)');
  const result: OpenOrders = { purchaseOrders: 0, lines: 0, onOrder: new Map() };
  const dcs = locations.filter((l) => l.type === 'DC');

  writeStep(ctx, 'purchase-orders', dcs.length * suppliers.length, () => {
    for (const dc of dcs) {
      for (const supplier of suppliers) {
        const chosen = (itemsBySupplier[supplier.index] ?? []).filter(() => rng.chance(ON_ORDER_SHARE));
        if (chosen.length === 0) continue;
        const orderCount = Math.min(chosen.length, rng.int(1, MAX_ORDERS_PER_SUPPLIER_AND_DC));
        for (let o = 0; o < orderCount; o++) {
          const number = String(++result.purchaseOrders).padStart(6, '0');
          const documentNo = `PO-ERP-${number}`;
          insertOrder.run(documentNo, `PO-SEED-${number}`, supplier.code, dc.code, isoDatePlusDays(ctx.today, rng.int(1, 14)),
            ctx.nowIso, ctx.nowIso, ctx.nextSeq());
          let lineNo = 0;
          for (let k = o; k < chosen.length; k += orderCount) {
            const item = items[chosen[k] as number] as ItemProfile;
            const quantity = orderQuantity(item, dc, primary, rng.between(1, 3));
            insertLine.run(documentNo, ++lineNo, item.itemNo, quantity, primary.unitCostCents[item.index]);
            const key = onOrderKey(item.index, dc.index, locations.length);
            result.onOrder.set(key, (result.onOrder.get(key) ?? 0) + quantity);
            result.lines++;
          }
        }
      }
    }
  });
  return result;
}

/** One to three weeks of the DC's demand, in whole cases, never under the supplier's minimum. */
function orderQuantity(item: ItemProfile, dc: LocationProfile, primary: PrimarySupply, weeks: number): number {
  const casePack = primary.casePack[item.index] || 1;
  const wanted = Math.ceil((item.baseRate * dc.servedSize * 7 * weeks) / casePack) * casePack;
  return Math.max(primary.moq[item.index] || casePack, wanted);
}
