// The cart's and the shelf price's question: which promotions run now for these SKUs, on this channel, at these locations.
import type { Kysely } from 'kysely';
import type { Channel } from '../services/pricing-model.js';
import type { PricingDatabase } from './pricing-tables.js';

export interface ActivePromotionRow {
  id: string;
  name: string;
  type: string;
  rule: string;
  stacking: string;
  priority: number;
  version: number;
  sku: string;
  unit_cost: number;
  margin_approved: number;
}

/** An active promotion row at the location whose window it was found in. */
export interface LocatedPromotionRow extends ActivePromotionRow {
  location_id: string;
}

const CHANNEL_COLUMN = { STORE: 'p.ch_store', ECOMMERCE: 'p.ch_ecommerce', MOBILE: 'p.ch_mobile' } as const;
const SKUS_PER_QUERY = 500;

export class ActivePromotionRepository {
  constructor(private readonly db: Kysely<PricingDatabase>) {}

  /**
   * One row per promotion, SKU and location: scheduled or live promotions on the channel whose window at the
   * location contains `at`, for items neither excluded nor excluded at that location. The window decides, not
   * whether the go-live was published yet, so a cart prices a promotion from its first second in each store's
   * local time. Several locations go in one query (shelf prices for many stores' dashboards); rows for every
   * SKU at every location are returned, the caller picks the pairs it asked for.
   */
  async activeFor(skus: readonly string[], channel: Channel, locationIds: readonly string[], at: string): Promise<LocatedPromotionRow[]> {
    const unique = [...new Set(skus)];
    const locations = [...new Set(locationIds)];
    const rows: LocatedPromotionRow[] = [];
    for (let i = 0; i < unique.length; i += SKUS_PER_QUERY) {
      rows.push(
        ...(await this.db
          .selectFrom('promotion_item as i')
          .innerJoin('promotion as p', 'p.id', 'i.promotion_id')
          .innerJoin('promotion_location as l', 'l.promotion_id', 'i.promotion_id')
          .select(['p.id', 'p.name', 'p.type', 'p.rule', 'p.stacking', 'p.priority', 'p.version', 'i.sku', 'i.unit_cost', 'i.margin_approved', 'l.location_id'])
          .where('l.location_id', 'in', locations)
          .where('i.sku', 'in', unique.slice(i, i + SKUS_PER_QUERY))
          .where('i.excluded', '=', 0)
          .where('p.status', 'in', ['SCHEDULED', 'LIVE'])
          .where(CHANNEL_COLUMN[channel], '=', 1)
          .where('l.starts_at', '<=', at)
          .where('l.ends_at', '>', at)
          .where((eb) =>
            eb.not(eb.exists(eb.selectFrom('promotion_item_exclusion as x').select('x.sku').whereRef('x.promotion_id', '=', 'i.promotion_id').whereRef('x.sku', '=', 'i.sku').whereRef('x.location_id', '=', 'l.location_id'))),
          )
          .execute()),
      );
    }
    return rows;
  }

  /** Other running unit-price promotions on these SKUs (any location): a publication prices around them. */
  async runningUnitPromotions(skus: readonly string[], exceptId: string): Promise<(ActivePromotionRow & { ch_store: number; ch_ecommerce: number; ch_mobile: number })[]> {
    const unique = [...new Set(skus)];
    const rows = [];
    for (let i = 0; i < unique.length; i += SKUS_PER_QUERY) {
      rows.push(
        ...(await this.db
          .selectFrom('promotion_item as i')
          .innerJoin('promotion as p', 'p.id', 'i.promotion_id')
          .select(['p.id', 'p.name', 'p.type', 'p.rule', 'p.stacking', 'p.priority', 'p.version', 'i.sku', 'i.unit_cost', 'i.margin_approved', 'p.ch_store', 'p.ch_ecommerce', 'p.ch_mobile'])
          .where('i.sku', 'in', unique.slice(i, i + SKUS_PER_QUERY))
          .where('i.excluded', '=', 0)
          .where('p.id', '!=', exceptId)
          .where('p.status', 'in', ['SCHEDULED', 'LIVE'])
          .where('p.type', 'in', ['PERCENT_OFF', 'AMOUNT_OFF', 'FIXED_PRICE'])
          .execute()),
      );
    }
    return rows;
  }
}
