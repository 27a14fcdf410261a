// Applies a page of the ERP's position feed to the stock view, with a stock.changed event per real change.
import type { Clock, ServiceEvents } from '@retail-hub/platform';
import type { StockPosition } from '@retail-hub/erp';
import type { Transaction } from 'kysely';
import { stockChangedEvent } from '../events/stock-changed.event.js';
import { availableOf, laterOf } from '../services/inventory-model.js';
import type { InventoryDatabase } from '../store/inventory-tables.js';
import { toErpPositionRow, type StockPositionRepository } from '../store/stock-position.repository.js';

export class PositionChangesProjection {
  constructor(private readonly positions: StockPositionRepository, private readonly events: ServiceEvents, private readonly clock: Clock) {}

  async apply(trx: Transaction<InventoryDatabase>, records: StockPosition[], initialLoad: boolean): Promise<void> {
    // The first load is the whole ledger (600k positions): no reads, no events, just bulk upserts.
    if (initialLoad) return this.positions.upsertFromErp(trx, records.map(toErpPositionRow));
    const newest = newestPerKey(records);
    const before = new Map((await this.positions.findByKeys(newest, trx)).map((r) => [`${r.sku}@${r.location_id}`, r]));
    // A page read before a local adjustment may carry an older version than the row: skip it.
    const newer = newest.filter((p) => (before.get(`${p.sku}@${p.locationId}`)?.erp_version ?? -1) < p.version);
    await this.positions.upsertFromErp(trx, newer.map(toErpPositionRow));
    const now = this.clock.now().toISOString();
    const changed = newer.flatMap((p) => {
      const row = before.get(`${p.sku}@${p.locationId}`);
      // A new version with the same quantities (the ERP touched something else) is not a stock change.
      if (row && row.on_hand === p.onHand && row.inbound === p.inbound) return [];
      const reserved = row?.reserved ?? 0;
      return [
        stockChangedEvent({
          sku: p.sku,
          locationId: p.locationId,
          onHand: p.onHand,
          reserved,
          available: availableOf(p.onHand, reserved),
          inbound: p.inbound,
          previous: { onHand: row?.on_hand ?? 0, reserved, inbound: row?.inbound ?? 0 },
          reason: 'ERP_SYNC',
          asOf: laterOf(p.updatedAt, now),
        }),
      ];
    });
    await this.events.write(trx, changed);
  }
}

/** A page is in change order; should a position appear twice, its last record is its newest. */
function newestPerKey(records: StockPosition[]): StockPosition[] {
  const byKey = new Map<string, StockPosition>();
  for (const r of records) {
    const key = `${r.sku}@${r.locationId}`;
    const seen = byKey.get(key);
    if (!seen || seen.version < r.version) byKey.set(key, r);
  }
  return [...byKey.values()];
}
