// Changes the stock-position projection slot by slot: each SKU's block read once, changed in order, written once.
import type { Executor } from '@retail-hub/platform';
import { grown } from '../store/block-codec.js';
import { POSITION_FIELDS, type PositionBlockRepository } from '../store/position-block.repository.js';
import type { SupplierDatabase } from '../store/supplier-tables.js';
import type { LocationSlots } from './location-slots.js';

/**
 * Applies `change` to each SKU's block at its location's slot (`at` is the slot's first field), in the order given.
 * The blocks are read locked (on PostgreSQL), so concurrent changes to one SKU queue instead of overwriting.
 */
export async function updatePositionBlocks<C extends { sku: string; locationId: string }>(
  trx: Executor<SupplierDatabase>,
  deps: { blocks: PositionBlockRepository; slots: LocationSlots },
  changes: readonly C[],
  change: (block: Int32Array, at: number, c: C) => void,
  now: string,
): Promise<void> {
  if (changes.length === 0) return;
  await deps.slots.ensure(trx, changes.map((c) => c.locationId));
  const width = deps.slots.width * POSITION_FIELDS;
  const locked = await deps.blocks.lock(trx, [...new Set(changes.map((c) => c.sku))]);
  const changed = new Map<string, Int32Array>();
  for (const c of changes) {
    const block = changed.get(c.sku) ?? grown(locked.get(c.sku) ?? new Int32Array(width), width);
    change(block, deps.slots.slotOf(c.locationId)! * POSITION_FIELDS, c);
    changed.set(c.sku, block);
  }
  await deps.blocks.save(trx, [...changed].map(([sku, data]) => ({ sku, data })), now);
}
