// The product store's migrations, run on start.
import { eventTablesMigration, syncStateMigration, type MigrationList } from '@retail-hub/platform';

export const productMigrations: MigrationList = {
  '000_events': eventTablesMigration,
  '001_sync_state': () => syncStateMigration(),
  '002_catalog': () => ({
    async up(db) {
      await db.schema
        .createTable('category')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .addColumn('min_margin_bp', 'integer', (c) => c.notNull())
        .addColumn('promotable', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('product')
        .addColumn('sku', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('brand', 'text', (c) => c.notNull())
        .addColumn('brand_key', 'text', (c) => c.notNull())
        .addColumn('gtin', 'text', (c) => c.notNull())
        .addColumn('category_id', 'text', (c) => c.notNull())
        .addColumn('pack_size', 'integer', (c) => c.notNull())
        .addColumn('uom', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('promotable', 'integer', (c) => c.notNull())
        .addColumn('cost_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('product_category').on('product').columns(['category_id', 'sku']).execute();
      await db.schema.createIndex('product_brand').on('product').columns(['brand_key', 'sku']).execute();
      await db.schema.createIndex('product_status').on('product').columns(['status', 'sku']).execute();
    },
  }),
};
