// Keeps the stock-position projection current from inventory.stock.changed.v1: on-hand, reserved and inbound per SKU and location.
import type { EventEnvelope } from '@retail-hub/platform';
import type { Transaction } from 'kysely';
import type { LocationSlots } from '../services/location-slots.js';
import { updatePositionBlocks } from '../services/position-block-updates.js';
import { INBOUND, ON_HAND, RESERVED, type PositionBlockRepository } from '../store/position-block.repository.js';
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
  const apply = (events: readonly EventEnvelope[], trx: Transaction<SupplierDatabase>) =>
    updatePositionBlocks(trx, deps, events.map((e) => e.data as StockChangedData), (block, at, change) => {
      block[at + ON_HAND] = change.onHand;
      block[at + RESERVED] = change.reserved;
      block[at + INBOUND] = change.inbound;
    }, deps.now());
  return {
    name: STOCK_CHANGED_CONSUMER,
    types: ['inventory.stock.changed.v1'],
    handle: (event: EventEnvelope, trx: Transaction<SupplierDatabase>) => apply([event], trx),
    handleRun: apply,
  };
}
