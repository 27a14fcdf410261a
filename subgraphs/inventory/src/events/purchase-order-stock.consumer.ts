// Consumes supplier.purchase_order.sent|received|cancelled.v1: refreshes the positions those orders move from the ERP, so on-hand and inbound change at once.
import type { Clock, EventEnvelope, ServiceEvents } from '@retail-hub/platform';
import type { StockLedgerPort, StockPosition } from '@retail-hub/erp';
import type { Kysely, Transaction } from 'kysely';
import { PositionChangesProjection } from '../sources/position-changes.projection.js';
import type { InventoryDatabase } from '../store/inventory-tables.js';
import type { StockPositionRepository } from '../store/stock-position.repository.js';

export const PURCHASE_ORDER_STOCK_CONSUMER = 'inventory.purchase-order-stock';

/** The part of the supplier.purchase_order.*.v1 events this consumer reads (schemas in platform/src/events/schemas). */
interface PurchaseOrderEventData {
  purchaseOrderId: string;
  locationId: string;
  lines: { sku: string }[];
}

export interface PurchaseOrderStockConsumerDeps {
  db: Kysely<InventoryDatabase>;
  events: ServiceEvents;
  ledger: StockLedgerPort;
  positions: StockPositionRepository;
  clock: Clock;
}

/**
 * The supplier subgraph books purchase-order moves in the ERP (an order sent raises inbound; a receipt raises
 * on-hand and lowers inbound; a cancellation lowers inbound) and then emits the event. The ERP stays the authority:
 * the event carries no deltas to add here, it says which positions changed, and this reads them from the ERP and
 * applies them through the same version-guarded projection as the ERP sync. Whichever of the two sees a change
 * first applies it and the other finds nothing newer, so a receipt is never counted twice. Should the ERP not
 * answer, the event is retried and then dead-lettered, and the ERP sync brings the same numbers on its next pass.
 */
export function purchaseOrderStockHandler(deps: Omit<PurchaseOrderStockConsumerDeps, 'db'>) {
  const projection = new PositionChangesProjection(deps.positions, deps.events, deps.clock);
  return async (event: EventEnvelope, trx: Transaction<InventoryDatabase>): Promise<void> => {
    const data = event.data as PurchaseOrderEventData;
    const keys = [...new Set(data.lines.map((l) => l.sku))].map((sku) => ({ sku, locationId: data.locationId }));
    const positions = (await deps.ledger.getPositions(keys)).filter((p): p is StockPosition => p !== null);
    await projection.apply(trx, positions, false);
  };
}

export async function startPurchaseOrderStockConsumer(deps: PurchaseOrderStockConsumerDeps): Promise<void> {
  await deps.events.consume({
    name: PURCHASE_ORDER_STOCK_CONSUMER,
    types: ['supplier.purchase_order.sent.v1', 'supplier.purchase_order.received.v1', 'supplier.purchase_order.cancelled.v1'],
    db: deps.db,
    handle: purchaseOrderStockHandler(deps),
  });
}
