// Moves the stock-position projection at once when the hub itself changes stock (an order sent, received, cancelled).
import type { Executor } from '@retail-hub/platform';
import { INBOUND, ON_HAND, type PositionBlockRepository } from '../store/position-block.repository.js';
import type { SupplierDatabase } from '../store/supplier-tables.js';
import type { LocationSlots } from './location-slots.js';
import { updatePositionBlocks } from './position-block-updates.js';

export interface PositionDelta {
  sku: string;
  locationId: string;
  onHand?: number;
  inbound?: number;
}

/**
 * The ERP has already booked the change; inventory will report the ERP's new numbers in an
 * inventory.stock.changed.v1 event (absolute values, which then simply overwrite these). Applying the change
 * here as well means a run started in between does not order the same goods again.
 */
export class PositionAdjustments {
  constructor(private readonly blocks: PositionBlockRepository, private readonly slots: LocationSlots) {}

  async apply(trx: Executor<SupplierDatabase>, deltas: readonly PositionDelta[], now: string): Promise<void> {
    await updatePositionBlocks(trx, { blocks: this.blocks, slots: this.slots }, deltas, (block, at, d) => {
      block[at + ON_HAND] = Math.max(0, block[at + ON_HAND]! + (d.onHand ?? 0));
      block[at + INBOUND] = Math.max(0, block[at + INBOUND]! + (d.inbound ?? 0));
    }, now);
  }
}
