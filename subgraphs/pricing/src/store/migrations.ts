// The pricing store's migrations, run on start.
import { eventTablesMigration, sagaTablesMigration, syncStateMigration, webhookTablesMigration, type MigrationList } from '@retail-hub/platform';
import { demandCoverMigration, demandTablesMigration, promotionTablesMigration } from './promotion-migrations.js';

export const pricingMigrations: MigrationList = {
  '000_events': eventTablesMigration,
  '001_sync_state': () => syncStateMigration(),
  '002_list_prices': () => ({
    async up(db) {
      // One row per ERP condition: the ERP keys them by item, channel, region and start date.
      await db.schema
        .createTable('list_price')
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('cent_amount', 'integer', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text')
        .addPrimaryKeyConstraint('list_price_pk', ['sku', 'channel', 'region', 'valid_from'])
        .execute();
      await db.schema
        .createTable('location')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .execute();
    },
  }),
  '003_promotions': promotionTablesMigration,
  '004_sagas': () => sagaTablesMigration(),
  '005_webhooks': webhookTablesMigration,
  '006_demand': () => demandTablesMigration(),
  '007_demand_cover': () => demandCoverMigration(),
};
