// Puts a test retailer into a known state the way its systems would: ERP terms and history edited in the ERP, stock and promotions as events.
import { sql } from 'kysely';
import { assertEventData, createEnvelope, type Clock, type EventBus } from '@retail-hub/platform';
import type { TestErp } from '@retail-hub/erp';

export interface Terms {
  packSize?: number;
  minOrderQty?: number;
  leadTimeDays?: number;
  weeklyCapacity?: number;
}

/** Changes a supplier's terms for a SKU in the ERP, as a buyer would there: the row moves up the change feed. */
export async function setSupplierTermsInErp(erp: TestErp, supplierId: string, sku: string, terms: Terms): Promise<void> {
  const db = erp.erp.db;
  const set = [
    terms.packSize !== undefined ? sql`pack_size = ${terms.packSize}` : null,
    terms.minOrderQty !== undefined ? sql`moq = ${terms.minOrderQty}` : null,
    terms.leadTimeDays !== undefined ? sql`lead_time_days = ${terms.leadTimeDays}` : null,
    terms.weeklyCapacity !== undefined ? sql`weekly_capacity = ${terms.weeklyCapacity}` : null,
  ].filter((s) => s !== null);
  await sql`UPDATE vendor_item SET ${sql.join([...set, sql`seq = (SELECT value + 1 FROM change_counter)`])}
            WHERE vendor_code = (SELECT erp_id FROM xref WHERE entity = 'supplier' AND hub_id = ${supplierId})
              AND item_no = (SELECT erp_id FROM xref WHERE entity = 'item' AND hub_id = ${sku})`.execute(db);
  await sql`UPDATE change_counter SET value = value + 1`.execute(db);
}

/** Rewrites a SKU's 90-day sales history at every location in the ERP (before the hub imports it): `units(day)` a day. */
export async function setSalesHistoryInErp(erp: TestErp, sku: string, units: (day: number) => number): Promise<void> {
  const daily = Buffer.alloc(90 * 2);
  for (let d = 0; d < 90; d++) daily.writeUInt16LE(units(d), 2 * d);
  await sql`UPDATE sales_history SET daily = ${daily} WHERE item_no = (SELECT erp_id FROM xref WHERE entity = 'item' AND hub_id = ${sku})`.execute(erp.erp.db);
}

export interface StockNumbers {
  sku: string;
  locationId: string;
  onHand: number;
  reserved?: number;
  inbound?: number;
}

/** What inventory publishes when a position changes (checked against the event's contract first). */
export async function publishStockChanged(bus: EventBus, clock: Clock, positions: StockNumbers[]): Promise<void> {
  const events = positions.map((p) => {
    const reserved = p.reserved ?? 0;
    const data = {
      sku: p.sku,
      locationId: p.locationId,
      onHand: p.onHand,
      reserved,
      available: Math.max(0, p.onHand - reserved),
      inbound: p.inbound ?? 0,
      previous: { onHand: 0, reserved: 0, inbound: 0 },
      reason: 'ADJUSTMENT:COUNT',
      asOf: clock.now().toISOString(),
    };
    assertEventData('inventory.stock.changed.v1', data);
    return createEnvelope('inventory', { type: 'inventory.stock.changed.v1', subject: `${p.sku}@${p.locationId}`, data }, clock);
  });
  await bus.publish(events);
}

export interface PromotionInput {
  promotionId: string;
  uplift: number;
  skus: string[];
  locationIds: string[];
  /** Inclusive UTC days (YYYY-MM-DD): the promotion runs from 00:00 on the first to 24:00 on the last. */
  firstDay: string;
  lastDay: string;
}

/** What pricing publishes when a promotion is scheduled (checked against the event's contract first). */
export async function publishPromotionScheduled(bus: EventBus, clock: Clock, p: PromotionInput): Promise<void> {
  const end = new Date(Date.parse(`${p.lastDay}T00:00:00Z`) + 86_400_000).toISOString();
  const data = {
    promotionId: p.promotionId,
    name: `Test ${p.promotionId}`,
    type: 'PERCENT_OFF',
    channels: ['STORE'],
    expectedUplift: p.uplift,
    startsAtLocal: `${p.firstDay}T00:00`,
    endsAtLocal: `${end.slice(0, 10)}T00:00`,
    locations: p.locationIds.map((locationId) => ({ locationId, startsAt: `${p.firstDay}T00:00:00.000Z`, endsAt: end })),
    skus: p.skus,
    exclusions: [],
    scheduledAt: clock.now().toISOString(),
  };
  assertEventData('pricing.promotion.scheduled.v1', data);
  await bus.publish([createEnvelope('pricing', { type: 'pricing.promotion.scheduled.v1', subject: p.promotionId, data }, clock)]);
}

/** YYYY-MM-DD `days` after the clock's UTC day. */
export function dayAfter(clock: Clock, days: number): string {
  return new Date(Date.parse(`${clock.now().toISOString().slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
