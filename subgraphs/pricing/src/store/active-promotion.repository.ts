// The cart's and the shelf price's question: which promotions run now for these SKUs, on this channel, at these locations.
import type { Kysely } from 'kysely';
import { PreparedListQuery } from '@retail-hub/platform';
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
   * One row per promotion, SKU and location asked: scheduled or live promotions on the channel whose window at the
   * location contains `at`, for items neither excluded nor excluded at that location. The window decides, not
   * whether the go-live was published yet, so a cart prices a promotion from its first second in each store's
   * local time. `asked` maps each location to its SKUs; several locations go in one query (shelf prices for many
   * stores' dashboards), and only the pairs asked for come back.
   */
  async activeFor(asked: ReadonlyMap<string, readonly string[]>, channel: Channel, at: string): Promise<LocatedPromotionRow[]> {
    const [only, ...others] = asked;
    if (only && others.length === 0 && only[1].length <= SKUS_PER_QUERY) return atOneLocation(channel).rows(this.db, { location: only[0], at }, { skus: [...new Set(only[1])] });
    const rows: LocatedPromotionRow[] = [];
    for (const chunk of chunkPairs(asked, SKUS_PER_QUERY)) {
      rows.push(
        ...(await activeAt(this.db, channel, at)
          // The unions let the indexes on SKU and location work; the pairs keep out SKUs asked at another location.
          .where('i.sku', 'in', [...new Set(chunk.flatMap(([, skus]) => skus))])
          .where('l.location_id', 'in', chunk.map(([location]) => location))
          .where((eb) => eb.or(chunk.map(([location, skus]) => eb.and([eb('l.location_id', '=', location), eb('i.sku', 'in', skus)]))))
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

/** The promotions running at `at` on the channel, before the SKUs and locations asked narrow them. */
function activeAt(db: Kysely<PricingDatabase>, channel: Channel, at: string) {
  return db
    .selectFrom('promotion_item as i')
    .innerJoin('promotion as p', 'p.id', 'i.promotion_id')
    .innerJoin('promotion_location as l', 'l.promotion_id', 'i.promotion_id')
    .select(['p.id', 'p.name', 'p.type', 'p.rule', 'p.stacking', 'p.priority', 'p.version', 'i.sku', 'i.unit_cost', 'i.margin_approved', 'l.location_id'])
    .where('i.excluded', '=', 0)
    .where('p.status', 'in', ['SCHEDULED', 'LIVE'])
    .where(CHANNEL_COLUMN[channel], '=', 1)
    .where('l.starts_at', '<=', at)
    .where('l.ends_at', '>', at)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('promotion_item_exclusion as x').select('x.sku').whereRef('x.promotion_id', '=', 'i.promotion_id').whereRef('x.sku', '=', 'i.sku').whereRef('x.location_id', '=', 'l.location_id'))),
    );
}

type OneLocationQuery = PreparedListQuery<PricingDatabase, { location: string; at: string }, { skus: readonly string[] }, LocatedPromotionRow>;
const oneLocationQueries = new Map<Channel, OneLocationQuery>();

/** A cart's question, its SKUs at one location: compiled once per channel (a column of the query) and number of SKUs. */
function atOneLocation(channel: Channel): OneLocationQuery {
  let query = oneLocationQueries.get(channel);
  if (!query) {
    query = new PreparedListQuery((db, { location, at }, { skus }) => activeAt(db, channel, at).where('l.location_id', '=', location).where('i.sku', 'in', skus));
    oneLocationQueries.set(channel, query);
  }
  return query;
}

/** (location, SKUs) groups in chunks of at most `size` SKUs in all; a location with more SKUs spans chunks. */
function chunkPairs(asked: ReadonlyMap<string, readonly string[]>, size: number): [string, string[]][][] {
  const chunks: [string, string[]][][] = [];
  let chunk: [string, string[]][] = [];
  let count = 0;
  for (const [location, skus] of asked) {
    const unique = [...new Set(skus)];
    for (let i = 0; i < unique.length; ) {
      const part = unique.slice(i, i + size - count);
      chunk.push([location, part]);
      count += part.length;
      i += part.length;
      if (count === size) {
        chunks.push(chunk);
        chunk = [];
        count = 0;
      }
    }
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}
