// Keeps the stock-position projection current from inventory.stock.changed.v1: on-hand, reserved and inbound per SKU and location.
import type { EventEnvelope } from '@retail-hub/platform';
import type { Transaction } from 'kysely';
import type { LocationSlots } from '../services/location-slots.js';
import { grown } from '../store/block-codec.js';
import { INBOUND, ON_HAND, POSITION_FIELDS, RESERVED, type PositionBlockRepository } from '../store/position-block.repository.js';
import type { SupplierDatabase } from '../store/supplier-tables.js';

export const STOCK_CHANGED_CONSUMER = 'supplier.stock-positions';

interface StockChangedData {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  inbound: number;
}

/** The event carries absolute numbers, so applying it twice, or after a newer catch-up from the ERP, converges. */
export function stockChangedConsumer(deps: { blocks: PositionBlockRepository; slots: LocationSlots; now: () => string }) {
  /** Each SKU's block is read and written once for the run, the events applied to it in order. */
  async function apply(events: readonly EventEnvelope[], trx: Transaction<SupplierDatabase>): Promise<void> {
    const changes = events.map((e) => e.data as StockChangedData);
    await deps.slots.ensure(trx, changes.map((c) => c.locationId));
    const width = deps.slots.width * POSITION_FIELDS;
    const locked = await deps.blocks.lock(trx, [...new Set(changes.map((c) => c.sku))]);
    const changed = new Map<string, Int32Array>();
    for (const change of changes) {
      const block = changed.get(change.sku) ?? grown(locked.get(change.sku) ?? new Int32Array(width), width);
      const at = deps.slots.slotOf(change.locationId)! * POSITION_FIELDS;
      block[at + ON_HAND] = change.onHand;
      block[at + RESERVED] = change.reserved;
      block[at + INBOUND] = change.inbound;
      changed.set(change.sku, block);
    }
    await deps.blocks.save(trx, [...changed].map(([sku, data]) => ({ sku, data })), deps.now());
  }
  return {
    name: STOCK_CHANGED_CONSUMER,
    types: ['inventory.stock.changed.v1'],
    handle: (event: EventEnvelope, trx: Transaction<SupplierDatabase>) => apply([event], trx),
    handleRun: apply,
  };
}
