// Reads and writes what each location was told at go-live, end or cancellation (the webhook batches are rendered from it).
import type { Kysely, Selectable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import type { PricingDatabase } from './pricing-tables.js';
import type { PricePublicationTable } from './promotion-tables.js';

export type PricePublicationRow = Selectable<PricePublicationTable>;

export class PublicationRepository {
  constructor(private readonly db: Kysely<PricingDatabase>) {}

  async insert(trx: Executor<PricingDatabase>, rows: readonly PricePublicationRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('price_publication').values(rows.slice(i, i + 200)).execute();
  }

  async find(id: string): Promise<PricePublicationRow | undefined> {
    return this.db.selectFrom('price_publication').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The latest publication per location of a promotion (what a cancellation reverts from). */
  async latest(promotionId: string, locationIds: readonly string[], executor: Executor<PricingDatabase> = this.db): Promise<PricePublicationRow[]> {
    if (locationIds.length === 0) return [];
    return executor.selectFrom('price_publication').selectAll().where('promotion_id', '=', promotionId).where('location_id', 'in', [...locationIds]).where('phase', '=', 'STARTED').execute();
  }
}
