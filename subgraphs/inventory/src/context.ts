// Per-request context of the inventory subgraph: the caller's verified claims, services and fresh DataLoaders.
import DataLoader from 'dataloader';
import type { Claims } from '@retail-hub/platform';
import { partnerSkuScope, type PartnerSkuSource } from '@retail-hub/platform/claims/partner-skus';
import type { Location, StockLevel } from './services/inventory-model.js';
import type { LocationService } from './services/location.service.js';
import { createProductStockLevelsLoader } from './services/product-stock-levels.loader.js';
import type { StockAdjustmentService } from './services/stock-adjustment.service.js';
import type { StockFreshness } from './services/stock-freshness.js';
import type { StockLevelService } from './services/stock-level.service.js';
import type { ReservationService } from './services/reservation.service.js';
import type { StockBookingService } from './services/stock-booking.service.js';
import type { StockKey, StockPositionRepository } from './store/stock-position.repository.js';

export interface InventoryLoaders {
  locationById: DataLoader<string, Location | null>;
  stockByKey: DataLoader<StockKey, StockLevel | null, string>;
  productStockLevels: ReturnType<typeof createProductStockLevelsLoader>;
}

export interface InventoryServices {
  locations: LocationService;
  stock: StockLevelService;
  adjustments: StockAdjustmentService;
  positions: StockPositionRepository;
  freshness: StockFreshness;
  reservations: ReservationService;
  bookings: StockBookingService;
  /** Which SKUs a supplier partner supplies: the only stock it may read. */
  partnerSkus: PartnerSkuSource;
}

export interface InventoryContext {
  claims: Claims;
  locations: LocationService;
  stock: StockLevelService;
  adjustments: StockAdjustmentService;
  reservations: ReservationService;
  bookings: StockBookingService;
  /** A supplier partner's own SKUs; null for everyone else (no restriction). */
  partnerSkus: () => Promise<ReadonlySet<string> | null>;
  loaders: InventoryLoaders;
}

export function createInventoryContext(claims: Claims, services: InventoryServices): InventoryContext {
  const { locations, stock, adjustments, positions, freshness, reservations, bookings } = services;
  return {
    claims,
    locations,
    stock,
    adjustments,
    reservations,
    bookings,
    partnerSkus: partnerSkuScope(claims, services.partnerSkus),
    loaders: {
      locationById: new DataLoader((ids) => locations.locationsById(ids)),
      stockByKey: new DataLoader((keys) => stock.levelsByKey(keys), { cacheKeyFn: (k) => `${k.sku}@${k.locationId}` }),
      productStockLevels: createProductStockLevelsLoader(positions, freshness),
    },
  };
}
