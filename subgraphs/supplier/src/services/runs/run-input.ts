// Checks what a caller asks a run for (scope and options) against what the hub knows, naming the field of anything wrong.
import { badUserInput } from '@retail-hub/platform';
import type { LocationSlots } from '../location-slots.js';
import { DEFAULT_SERVICE_LEVEL, MAX_SERVICE_LEVEL, MIN_SERVICE_LEVEL } from '../planning/service-level.js';
import type { RunScope } from './run-scope.js';

export interface RunOptionsInput {
  serviceLevel?: number | null;
  reviewPeriodDays?: number | null;
}

export interface RunOptions {
  serviceLevel: number;
  reviewPeriodDays: number;
}

export const DEFAULT_REVIEW_PERIOD_DAYS = 7;
const MAX_REVIEW_PERIOD_DAYS = 91;
const MAX_LIST = 10_000;

export interface KnownIds {
  /** Which of these SKUs the hub knows (a supplier item or a stock position). */
  skus(skus: readonly string[]): Promise<Set<string>>;
  suppliers(ids: readonly string[]): Promise<Set<string>>;
}

/** Bad input is refused before a run is recorded; a list, when given, must hold something. */
export async function checkRunInput(scope: RunScope | null | undefined, options: RunOptionsInput | null | undefined, slots: LocationSlots, known: KnownIds): Promise<{ scope: RunScope; options: RunOptions }> {
  const clean: RunScope = {};
  const list = (name: keyof RunScope) => {
    const values = scope?.[name];
    if (values === null || values === undefined) return undefined;
    if (values.length === 0) throw badUserInput(`scope.${name}`, 'must name at least one, or be left out for all');
    if (values.length > MAX_LIST) throw badUserInput(`scope.${name}`, `at most ${MAX_LIST.toLocaleString('en-US')} entries`);
    values.forEach((v, i) => {
      if (typeof v !== 'string' || v.trim() === '') throw badUserInput(`scope.${name}.${i}`, 'must not be empty');
    });
    return [...new Set(values)];
  };
  const locationIds = list('locationIds');
  locationIds?.forEach((id) => {
    if (slots.slotOf(id) === undefined) throw badUserInput(`scope.locationIds.${scope!.locationIds!.indexOf(id)}`, `no location ${id}`);
  });
  const regions = list('regions');
  const knownRegions = new Set(slots.all().map((s) => s.region.toUpperCase()));
  regions?.forEach((r) => {
    if (!knownRegions.has(r.toUpperCase())) throw badUserInput(`scope.regions.${scope!.regions!.indexOf(r)}`, `no region ${r} (regions: ${[...knownRegions].sort().join(', ')})`);
  });
  const supplierIds = list('supplierIds');
  if (supplierIds) {
    const found = await known.suppliers(supplierIds);
    const missing = scope!.supplierIds!.findIndex((id) => !found.has(id));
    if (missing >= 0) throw badUserInput(`scope.supplierIds.${missing}`, `no supplier ${scope!.supplierIds![missing]}`);
  }
  const skus = list('skus');
  if (skus) {
    const found = await known.skus(skus);
    const missing = scope!.skus!.findIndex((sku) => !found.has(sku));
    if (missing >= 0) throw badUserInput(`scope.skus.${missing}`, `no product ${scope!.skus![missing]} with suppliers or stock`);
  }
  if (locationIds) clean.locationIds = locationIds;
  if (regions) clean.regions = regions;
  if (supplierIds) clean.supplierIds = supplierIds;
  if (skus) clean.skus = skus;

  const serviceLevel = options?.serviceLevel ?? DEFAULT_SERVICE_LEVEL;
  if (!(serviceLevel >= MIN_SERVICE_LEVEL && serviceLevel <= MAX_SERVICE_LEVEL)) throw badUserInput('options.serviceLevel', `must be from ${MIN_SERVICE_LEVEL} to ${MAX_SERVICE_LEVEL} (0.95 is 95%)`);
  const reviewPeriodDays = options?.reviewPeriodDays ?? DEFAULT_REVIEW_PERIOD_DAYS;
  if (!Number.isInteger(reviewPeriodDays) || reviewPeriodDays < 1 || reviewPeriodDays > MAX_REVIEW_PERIOD_DAYS) {
    throw badUserInput('options.reviewPeriodDays', `must be a whole number of days from 1 to ${MAX_REVIEW_PERIOD_DAYS}`);
  }
  return { scope: clean, options: { serviceLevel, reviewPeriodDays } };
}
