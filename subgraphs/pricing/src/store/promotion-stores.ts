// The promotion repositories together, built once per subgraph over its database.
import type { Dialect } from '@retail-hub/platform';
import type { Kysely } from 'kysely';
import { ActivePromotionRepository } from './active-promotion.repository.js';
import { DemandRepository } from './demand.repository.js';
import { ListPriceRepository } from './list-price.repository.js';
import { LocationRepository } from './location.repository.js';
import type { PricingDatabase } from './pricing-tables.js';
import { PromotionExceptionRepository } from './promotion-exception.repository.js';
import { PromotionItemRepository } from './promotion-item.repository.js';
import { PromotionLocationRepository } from './promotion-location.repository.js';
import { PromotionRepository } from './promotion.repository.js';
import { PublicationRepository } from './publication.repository.js';

export interface PromotionStores {
  db: Kysely<PricingDatabase>;
  dialect: Dialect;
  promotions: PromotionRepository;
  items: PromotionItemRepository;
  windows: PromotionLocationRepository;
  exceptions: PromotionExceptionRepository;
  publications: PublicationRepository;
  active: ActivePromotionRepository;
  demand: DemandRepository;
  listPrices: ListPriceRepository;
  locations: LocationRepository;
}

export function createPromotionStores(db: Kysely<PricingDatabase>, dialect: Dialect): PromotionStores {
  return {
    db,
    dialect,
    promotions: new PromotionRepository(db),
    items: new PromotionItemRepository(db),
    windows: new PromotionLocationRepository(db),
    exceptions: new PromotionExceptionRepository(db),
    publications: new PublicationRepository(db),
    active: new ActivePromotionRepository(db),
    demand: new DemandRepository(db, dialect),
    listPrices: new ListPriceRepository(db, dialect),
    locations: new LocationRepository(db),
  };
}
