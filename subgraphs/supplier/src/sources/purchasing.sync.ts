// Keeps the supplier projection in step with the ERP's purchasing: suppliers, supplier items and purchase orders by change feed.
import { ChangeFeedSync, type Clock, type Logger } from '@retail-hub/platform';
import type { PurchaseOrderRecord, PurchasingPort, SupplierItemRecord, SupplierRecord } from '@retail-hub/erp';
import type { Kysely } from 'kysely';
import { PurchaseOrderLineRepository } from '../store/purchase-order-line.repository.js';
import { PurchaseOrderRepository } from '../store/purchase-order.repository.js';
import { SupplierItemRepository } from '../store/supplier-item.repository.js';
import type { SupplierDatabase } from '../store/supplier-tables.js';
import { SupplierRepository } from '../store/supplier.repository.js';
import { hubManagedIds, mergeHubOrder } from './hub-order-merge.js';
import { toPurchaseOrderRows, toSupplierItemRow, toSupplierRow } from './purchasing-rows.js';

export interface PurchasingSyncOptions {
  db: Kysely<SupplierDatabase>;
  purchasing: PurchasingPort;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
  onProgress?: (feed: string, records: number) => void;
}

export class PurchasingSync {
  private readonly suppliers: ChangeFeedSync<SupplierRecord, SupplierDatabase>;
  private readonly supplierItems: ChangeFeedSync<SupplierItemRecord, SupplierDatabase>;
  private readonly purchaseOrders: ChangeFeedSync<PurchaseOrderRecord, SupplierDatabase>;

  constructor(options: PurchasingSyncOptions) {
    const { db, purchasing, clock, logger, intervalMs, onProgress } = options;
    const common = { db, clock, logger, intervalMs, onProgress };
    const suppliers = new SupplierRepository(db);
    const items = new SupplierItemRepository(db);
    const orders = new PurchaseOrderRepository(db);
    const lines = new PurchaseOrderLineRepository(db);
    this.suppliers = new ChangeFeedSync({
      ...common,
      feed: 'erp.suppliers',
      fetchPage: (after, limit) => purchasing.supplierChanges(after, limit),
      apply: (trx, records) => suppliers.upsert(trx, records.map(toSupplierRow)),
    });
    this.supplierItems = new ChangeFeedSync({
      ...common,
      feed: 'erp.supplier_items',
      fetchPage: (after, limit) => purchasing.supplierItemChanges(after, limit),
      apply: (trx, records) => items.upsert(trx, records.map(toSupplierItemRow)),
    });
    this.purchaseOrders = new ChangeFeedSync({
      ...common,
      feed: 'erp.purchase_orders',
      fetchPage: (after, limit) => purchasing.purchaseOrderChanges(after, limit),
      async apply(trx, records) {
        // Orders the hub manages keep their lifecycle; the feed only brings what the ERP knows better (receipts).
        const managed = await hubManagedIds(trx, records.map((r) => r.id));
        const rows = records.filter((r) => !managed.has(r.id)).map(toPurchaseOrderRows);
        await orders.upsert(trx, rows.map((r) => r.order));
        await lines.replace(trx, rows.map((r) => r.order.id), rows.flatMap((r) => r.lines));
        const now = clock.now().toISOString();
        for (const record of records) if (managed.has(record.id)) await mergeHubOrder(trx, record, now);
      },
    });
  }

  /** The projection is as fresh as its stalest feed: null until every feed has been read once. */
  get lastSuccessAt(): Date | null {
    const times = this.feeds().map((f) => f.lastSuccessAt);
    if (times.some((t) => t === null)) return null;
    return new Date(Math.min(...times.map((t) => t!.getTime())));
  }

  /** Suppliers first, so items and orders arriving in the same pass find their supplier. */
  async start(): Promise<void> {
    for (const feed of this.feeds()) await feed.start();
  }

  async stop(): Promise<void> {
    for (const feed of this.feeds()) await feed.stop();
  }

  /** Reads every feed until caught up; returns how many records were applied. */
  async syncNow(): Promise<number> {
    let applied = 0;
    for (const feed of this.feeds()) applied += await feed.syncNow();
    return applied;
  }

  private feeds() {
    return [this.suppliers, this.supplierItems, this.purchaseOrders];
  }
}
