// Keeps pricing's stock view current from inventory.stock.changed.v1 (the graph gave it its first load).
import type { ServiceEvents } from '@retail-hub/platform';
import type { Kysely } from 'kysely';
import type { DemandRepository } from '../store/demand.repository.js';
import type { PricingDatabase } from '../store/pricing-tables.js';

interface StockChanged {
  sku: string;
  locationId: string;
  available: number;
  inbound: number;
  asOf: string;
}

export async function consumeStockChanges(events: ServiceEvents, db: Kysely<PricingDatabase>, demand: DemandRepository): Promise<void> {
  await events.consume({
    name: 'pricing.stock-view',
    types: ['inventory.stock.changed.v1'],
    db,
    handle: async (event, trx) => {
      const data = event.data as StockChanged;
      await demand.upsertStock(trx, [{ sku: data.sku, location_id: data.locationId, available: data.available, inbound: data.inbound, as_of: data.asOf }]);
    },
  });
}
