// The inventory store's migrations, run on start.
import { sql } from 'kysely';
import { bigIntType, eventTablesMigration, syncStateMigration, type MigrationList } from '@retail-hub/platform';

export const inventoryMigrations: MigrationList = {
  '000_events': eventTablesMigration,
  '001_sync_state': () => syncStateMigration(),
  '002_stock': (dialect) => ({
    async up(db) {
      await db.schema
        .createTable('location')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('stock_position')
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('on_hand', 'integer', (c) => c.notNull())
        .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('inbound', 'integer', (c) => c.notNull())
        .addColumn('erp_version', bigIntType, (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('stock_position_pk', ['sku', 'location_id'])
        // On SQLite the rows live in the primary-key tree itself: one tree fewer to fill on the 600k-row first load.
        .$call((table) => (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
        .execute();
      // The (location_id, sku) index is built after the first load: StockPositionRepository.ensureLocationIndex.
      await db.schema
        .createTable('stock_adjustment')
        .addColumn('adjustment_id', 'text', (c) => c.primaryKey())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('delta', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('erp_version', bigIntType, (c) => c.notNull())
        .addColumn('booked_at', 'text', (c) => c.notNull())
        .execute();
    },
  }),
  '003_reservations': () => ({
    async up(db) {
      await db.schema
        .createTable('reservation')
        .addColumn('order_id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('release_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The sweeper only ever looks at holds that can lapse.
      await sql`CREATE INDEX reservation_expiring ON reservation (expires_at) WHERE status = 'HELD' AND expires_at IS NOT NULL`.execute(db);
      await db.schema
        .createTable('reservation_line')
        .addColumn('order_id', 'text', (c) => c.notNull().references('reservation.order_id'))
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('shipped_quantity', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('reservation_line_pk', ['order_id', 'sku', 'location_id'])
        .addCheckConstraint('reservation_line_quantities', sql`quantity > 0 and shipped_quantity >= 0 and shipped_quantity <= quantity`)
        .execute();
      await db.schema
        .createTable('stock_booking')
        .addColumn('booking_id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('delta', 'integer', (c) => c.notNull())
        .addColumn('release_reserved', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('booked_at', 'text')
        .execute();
      await sql`CREATE INDEX stock_booking_due ON stock_booking (next_attempt_at) WHERE status = 'PENDING'`.execute(db);
    },
  }),
};
