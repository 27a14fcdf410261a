// Moves the stock-position projection at once when the hub itself changes stock (an order sent, received, cancelled).
import type { Executor } from '@retail-hub/platform';
import { grown } from '../store/block-codec.js';
import { INBOUND, ON_HAND, POSITION_FIELDS, type PositionBlockRepository } from '../store/position-block.repository.js';
import type { SupplierDatabase } from '../store/supplier-tables.js';
import type { LocationSlots } from './location-slots.js';

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
    if (deltas.length === 0) return;
    await this.slots.ensure(trx, deltas.map((d) => d.locationId));
    const width = this.slots.width * POSITION_FIELDS;
    const locked = await this.blocks.lock(trx, [...new Set(deltas.map((d) => d.sku))]);
    const changed = new Map<string, Int32Array>();
    for (const d of deltas) {
      const data = changed.get(d.sku) ?? grown(locked.get(d.sku) ?? new Int32Array(width), width);
      const at = this.slots.slotOf(d.locationId)! * POSITION_FIELDS;
      data[at + ON_HAND] = Math.max(0, data[at + ON_HAND]! + (d.onHand ?? 0));
      data[at + INBOUND] = Math.max(0, data[at + INBOUND]! + (d.inbound ?? 0));
      changed.set(d.sku, data);
    }
    await this.blocks.save(trx, [...changed].map(([sku, data]) => ({ sku, data })), now);
  }
}
