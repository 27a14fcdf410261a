// Keeps pricing's stock view current from inventory.stock.changed.v1 (the graph gave it its first load).
import type { EventEnvelope, ServiceEvents } from '@retail-hub/platform';
import type { Kysely } from 'kysely';
import type { DemandRepository } from '../store/demand.repository.js';
import type { StockReport } from '../store/demand-tables.js';
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
    handle: (event, trx) => demand.upsertStock(trx, [stockReportOf(event)]),
    handleRun: (events, trx) => demand.upsertStock(trx, events.map(stockReportOf)),
  });
}

function stockReportOf(event: EventEnvelope): StockReport {
  const data = event.data as StockChanged;
  return { sku: data.sku, location_id: data.locationId, available: data.available, inbound: data.inbound, as_of: data.asOf };
}
