// The orders store's migrations, run on start.
import { sql } from 'kysely';
import { eventTablesMigration, type MigrationList } from '@retail-hub/platform';

export const ordersMigrations: MigrationList = {
  // The outbox is unused until the lifecycle publishes order events; created now so that migration stays additive.
  '000_events': eventTablesMigration,
  '001_orders': () => ({
    async up(db) {
      await db.schema
        .createTable('orders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('idempotency_key', 'text', (c) => c.unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('payment_status', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('customer_ref', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('subtotal_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('discount_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('total_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('placed_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Every list is newest first; each index ends in (placed_at, id) so a filtered page is one index range.
      await db.schema.createIndex('orders_placed').on('orders').columns(['placed_at', 'id']).execute();
      await db.schema.createIndex('orders_status').on('orders').columns(['status', 'placed_at', 'id']).execute();
      await db.schema.createIndex('orders_location').on('orders').columns(['location_id', 'placed_at', 'id']).execute();
      await db.schema.createIndex('orders_customer').on('orders').columns(['customer_ref', 'placed_at', 'id']).execute();
      await db.schema
        .createTable('order_line')
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
        .addColumn('line_no', 'integer', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('unit_price_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('regular_unit_price_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('discount_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('line_total_cent_amount', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_line_pk', ['order_id', 'line_no'])
        .addCheckConstraint('order_line_quantity_positive', sql`quantity > 0`)
        .execute();
    },
  }),
};
