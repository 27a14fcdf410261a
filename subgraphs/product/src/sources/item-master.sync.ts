// Keeps the product projection in step with the ERP item master: categories whole, items by change feed.
import { ChangeFeedSync, type Clock, type Logger } from '@retail-hub/platform';
import type { ItemMasterPort, ItemRecord } from '@retail-hub/erp';
import type { Kysely } from 'kysely';
import type { ProductDatabase } from '../store/product-tables.js';
import { CategoryRepository } from '../store/category.repository.js';
import { ProductRepository, type ProductRow } from '../store/product.repository.js';

export interface ItemMasterSyncOptions {
  db: Kysely<ProductDatabase>;
  itemMaster: ItemMasterPort;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
  onProgress?: (feed: string, records: number) => void;
}

export class ItemMasterSync {
  private readonly items: ChangeFeedSync<ItemRecord, ProductDatabase>;
  private readonly categories: CategoryRepository;
  private categoryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ItemMasterSyncOptions) {
    const products = new ProductRepository(options.db);
    this.categories = new CategoryRepository(options.db);
    this.items = new ChangeFeedSync({
      feed: 'erp.items',
      db: options.db,
      clock: options.clock,
      logger: options.logger,
      intervalMs: options.intervalMs,
      fetchPage: (after, limit) => options.itemMaster.itemChanges(after, limit),
      apply: (trx, records) => products.upsert(trx, records.map(toProductRow)),
      onProgress: options.onProgress,
    });
  }

  get lastSuccessAt(): Date | null {
    return this.items.lastSuccessAt;
  }

  async start(): Promise<void> {
    await this.refreshCategories().catch((error) => this.options.logger.warn({ err: error }, 'category refresh failed'));
    await this.items.start();
    // Categories are few and rarely change: reloading them whole is simpler than a feed.
    this.categoryTimer = setInterval(() => void this.refreshCategories().catch(() => undefined), (this.options.intervalMs ?? 2000) * 10);
    this.categoryTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.categoryTimer) clearInterval(this.categoryTimer);
    await this.items.stop();
  }

  syncNow(): Promise<number> {
    return this.items.syncNow();
  }

  private async refreshCategories(): Promise<void> {
    const records = await this.options.itemMaster.getCategories();
    await this.categories.upsert(
      this.options.db,
      records.map((c) => ({ id: c.id, name: c.name, parent_id: c.parentId, min_margin_bp: c.minMarginBp, promotable: c.promotable ? 1 : 0 })),
    );
  }
}

export function toProductRow(item: ItemRecord): ProductRow {
  return {
    sku: item.sku,
    name: item.name,
    description: item.description,
    brand: item.brand,
    brand_key: item.brand.toLowerCase(),
    gtin: item.gtin,
    category_id: item.categoryId,
    pack_size: item.packSize,
    uom: item.unitOfMeasure,
    status: item.status,
    promotable: item.promotable ? 1 : 0,
    cost_cent_amount: item.costCentAmount,
    currency: item.currency,
    updated_at: item.updatedAt,
    search_text: [item.name, item.brand, item.sku, item.gtin].join(' ').toLowerCase(),
  };
}
