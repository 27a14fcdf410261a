// The supplier store's migrations, run on start.
import { bigIntType, eventTablesMigration, sagaTablesMigration, syncStateMigration, webhookTablesMigration, type MigrationList } from '@retail-hub/platform';
import { replenishmentMigration } from './replenishment-migration.js';

export const supplierMigrations: MigrationList = {
  '000_events': eventTablesMigration,
  '001_sync_state': () => syncStateMigration(),
  '002_purchasing': () => ({
    async up(db) {
      await db.schema
        .createTable('supplier')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('supplier_item')
        .addColumn('supplier_id', 'text', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('unit_cost_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('pack_size', 'integer', (c) => c.notNull())
        .addColumn('min_order_qty', 'integer', (c) => c.notNull())
        .addColumn('lead_time_days', 'integer', (c) => c.notNull())
        .addColumn('weekly_capacity', 'integer', (c) => c.notNull())
        .addColumn('is_primary', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('supplier_item_pk', ['supplier_id', 'sku'])
        .execute();
      // Product.suppliers reads by SKU; the primary key already serves reads by supplier.
      await db.schema.createIndex('supplier_item_sku').on('supplier_item').columns(['sku', 'supplier_id']).execute();
      await db.schema
        .createTable('purchase_order')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('supplier_id', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('expected_date', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('total_cent_amount', bigIntType, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Lists run soonest expected first, overall and per supplier.
      await db.schema.createIndex('purchase_order_expected').on('purchase_order').columns(['expected_date', 'id']).execute();
      await db.schema.createIndex('purchase_order_supplier').on('purchase_order').columns(['supplier_id', 'expected_date', 'id']).execute();
      await db.schema.createIndex('purchase_order_location').on('purchase_order').columns(['location_id', 'expected_date', 'id']).execute();
      await db.schema
        .createTable('purchase_order_line')
        .addColumn('purchase_order_id', 'text', (c) => c.notNull())
        .addColumn('line_no', 'integer', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('received_quantity', 'integer', (c) => c.notNull())
        .addColumn('unit_cost_cent_amount', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('purchase_order_line_pk', ['purchase_order_id', 'line_no'])
        .execute();
    },
  }),
  '003_replenishment': replenishmentMigration,
  '004_sagas': () => sagaTablesMigration(),
  '005_webhooks': webhookTablesMigration,
};
