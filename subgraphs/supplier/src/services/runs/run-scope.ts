// A run's scope: which locations and SKUs it plans. No list means all of them; a list narrows, and the lists combine with AND.
import type { LocationSlot } from '../../store/location-slot.repository.js';

export interface RunScope {
  locationIds?: string[] | null;
  skus?: string[] | null;
  supplierIds?: string[] | null;
  regions?: string[] | null;
}

/** Location types that sell, and so have demand of their own: without a location list, a run plans these. */
export const SELLING_TYPES = new Set(['STORE', 'ECOM_FC']);

/**
 * The slots a run plans, in slot order. Distribution centres sell nothing and are replenished for the stores
 * they serve, which the hub does not plan (stores order from suppliers directly here), so they are planned
 * only when named in `locationIds`, where their own (empty) demand asks for nothing beyond what is reserved.
 */
export function scopedSlots(scope: RunScope, slots: readonly LocationSlot[]): LocationSlot[] {
  const ids = scope.locationIds ? new Set(scope.locationIds) : null;
  const regions = scope.regions ? new Set(scope.regions.map((r) => r.toUpperCase())) : null;
  return slots.filter((s) => (ids ? ids.has(s.locationId) : SELLING_TYPES.has(s.type)) && (!regions || regions.has(s.region.toUpperCase())));
}

/** Does a run of this scope plan this position? (Later runs supersede earlier proposals they cover.) */
export function scopeCovers(scope: RunScope, position: { sku: string; supplierId: string | null; location: LocationSlot | undefined }): boolean {
  const location = position.location;
  if (scope.skus && !scope.skus.includes(position.sku)) return false;
  if (scope.supplierIds && (!position.supplierId || !scope.supplierIds.includes(position.supplierId))) return false;
  if (!location) return false;
  if (scope.locationIds ? !scope.locationIds.includes(location.locationId) : !SELLING_TYPES.has(location.type)) return false;
  if (scope.regions && !scope.regions.some((r) => r.toUpperCase() === location.region.toUpperCase())) return false;
  return true;
}
