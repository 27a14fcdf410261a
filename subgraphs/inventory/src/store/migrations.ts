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
};
