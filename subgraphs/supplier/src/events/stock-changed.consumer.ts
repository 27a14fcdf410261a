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
  return {
    name: STOCK_CHANGED_CONSUMER,
    types: ['inventory.stock.changed.v1'],
    async handle(event: EventEnvelope, trx: Transaction<SupplierDatabase>): Promise<void> {
      const data = event.data as StockChangedData;
      await deps.slots.ensure(trx, [data.locationId]);
      const width = deps.slots.width * POSITION_FIELDS;
      const block = grown((await deps.blocks.lock(trx, [data.sku])).get(data.sku) ?? new Int32Array(width), width);
      const at = deps.slots.slotOf(data.locationId)! * POSITION_FIELDS;
      block[at + ON_HAND] = data.onHand;
      block[at + RESERVED] = data.reserved;
      block[at + INBOUND] = data.inbound;
      await deps.blocks.save(trx, [{ sku: data.sku, data: block }], deps.now());
    },
  };
}
