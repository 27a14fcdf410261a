// Checks a promotion as merchandising defines it; bad input is a BAD_USER_INPUT naming the field, before anything is written.
import { badUserInput } from '@retail-hub/platform';
import type { PromotionRule, PromotionType, StackingMode } from '../../engine/engine-model.js';
import { describeDeal } from '../../engine/promotion-description.js';
import type { Channel, PricingLocation } from '../pricing-model.js';
import { parseLocalDateTime } from './local-time.js';
import type { LocationScope, PromotionDefinition } from './promotion-model.js';

export interface PromotionInput {
  name?: string | null;
  description?: string | null;
  type?: PromotionType | null;
  percentOff?: number | null;
  amountOff?: number | null;
  fixedPrice?: number | null;
  buyQuantity?: number | null;
  getQuantity?: number | null;
  bundleQuantity?: number | null;
  bundlePrice?: number | null;
  spendThreshold?: number | null;
  spendDiscount?: number | null;
  currency?: string | null;
  targets?: { skus?: string[] | null; categoryIds?: string[] | null; brands?: string[] | null; excludeSkus?: string[] | null; excludeCategoryIds?: string[] | null; excludeBrands?: string[] | null } | null;
  channels?: Channel[] | null;
  locations?: { scope: LocationScope; regions?: string[] | null; locationIds?: string[] | null } | null;
  startsAt?: string | null;
  endsAt?: string | null;
  expectedUplift?: number | null;
  priority?: number | null;
  stacking?: StackingMode | null;
}

/** What the checks look up: the SKUs pricing has prices for, the catalog's categories and brands, the locations. */
export interface PromotionInputLookups {
  unknownSkus(skus: readonly string[]): Promise<Set<string>>;
  unknownCategoryIds(ids: readonly string[]): Promise<Set<string>>;
  unknownBrands(brands: readonly string[]): Promise<Set<string>>;
  locations(): Promise<PricingLocation[]>;
  now(): Date;
}

const RULE_FIELDS: Record<PromotionType, (keyof PromotionInput)[]> = {
  PERCENT_OFF: ['percentOff'],
  AMOUNT_OFF: ['amountOff'],
  FIXED_PRICE: ['fixedPrice'],
  BUY_X_GET_Y: ['buyQuantity', 'getQuantity'],
  MULTIBUY: ['bundleQuantity', 'bundlePrice'],
  SPEND_THRESHOLD: ['spendThreshold', 'spendDiscount'],
};
const ALL_RULE_FIELDS = [...new Set(Object.values(RULE_FIELDS).flat())];
const MAX_TARGET_SKUS = 5000;
const MAX_DAYS = 366;
/** The latest a wall-clock time happens anywhere (UTC-12): an end before now there is past everywhere. */
const LATEST_OFFSET_MS = 12 * 3_600_000;

/** Validates the whole definition (an update passes the current one merged with the change). */
export async function checkPromotionInput(input: PromotionInput, lookups: PromotionInputLookups): Promise<PromotionDefinition> {
  const name = input.name?.trim() ?? '';
  if (!name || name.length > 120) throw badUserInput('input.name', 'must be 1 to 120 characters');
  const description = input.description?.trim() || null;
  if (description && description.length > 500) throw badUserInput('input.description', 'at most 500 characters');
  if (!input.type) throw badUserInput('input.type', 'is required');
  const currency = input.currency ?? 'USD';
  if (!/^[A-Z]{3}$/.test(currency)) throw badUserInput('input.currency', 'must be an ISO 4217 code such as USD');
  const rule = checkRule(input, input.type, currency);
  const channels = [...new Set(input.channels ?? [])];
  if (channels.length === 0) throw badUserInput('input.channels', 'must name at least one channel');
  const targets = await checkTargets(input.targets ?? {}, lookups);
  const locations = await checkLocations(input.locations ?? { scope: 'ALL' }, channels, lookups);
  const { startsAt, endsAt } = checkDates(input.startsAt, input.endsAt, lookups.now());
  const expectedUplift = input.expectedUplift ?? NaN;
  if (!(expectedUplift >= 1 && expectedUplift <= 50)) throw badUserInput('input.expectedUplift', `must be from 1 (no change) to 50 times baseline demand (got ${input.expectedUplift})`);
  const priority = input.priority ?? 0;
  if (!Number.isInteger(priority) || priority < -1000 || priority > 1000) throw badUserInput('input.priority', 'must be a whole number from -1000 to 1000');
  return { name, description, type: input.type, rule, stacking: input.stacking ?? 'STACKABLE', priority, channels, targets, locations, startsAt, endsAt, expectedUplift };
}

function checkRule(input: PromotionInput, type: PromotionType, currency: string): PromotionRule {
  const wanted = RULE_FIELDS[type];
  for (const field of ALL_RULE_FIELDS) {
    const given = input[field] !== null && input[field] !== undefined;
    if (given && !wanted.includes(field)) throw badUserInput(`input.${field}`, `does not apply to ${type} promotions (they take ${wanted.join(' and ')})`);
    if (!given && wanted.includes(field)) throw badUserInput(`input.${field}`, `is required for ${type} promotions`);
  }
  const int = (field: keyof PromotionInput, min: number, max: number) => {
    const value = input[field] as number;
    if (!Number.isInteger(value) || value < min || value > max) throw badUserInput(`input.${field}`, `must be a whole number from ${min} to ${max} (got ${value})`);
    return value;
  };
  const rule: PromotionRule = { currency };
  switch (type) {
    case 'PERCENT_OFF': {
      const pct = input.percentOff!;
      if (!(pct > 0 && pct <= 100)) throw badUserInput('input.percentOff', `must be more than 0 and at most 100 (got ${pct})`);
      const bp = Math.round(pct * 100);
      if (Math.abs(bp - pct * 100) > 1e-6) throw badUserInput('input.percentOff', 'at most two decimals (e.g. 12.5)');
      rule.percentOffBp = bp;
      break;
    }
    case 'AMOUNT_OFF':
      rule.amountOff = int('amountOff', 1, 100_000_000);
      break;
    case 'FIXED_PRICE':
      rule.fixedPrice = int('fixedPrice', 0, 100_000_000);
      break;
    case 'BUY_X_GET_Y':
      rule.buyQuantity = int('buyQuantity', 1, 100);
      rule.getQuantity = int('getQuantity', 1, 100);
      break;
    case 'MULTIBUY':
      rule.bundleQuantity = int('bundleQuantity', 2, 100);
      rule.bundlePrice = int('bundlePrice', 0, 100_000_000);
      break;
    case 'SPEND_THRESHOLD':
      rule.spendThreshold = int('spendThreshold', 1, 100_000_000);
      rule.spendDiscount = int('spendDiscount', 1, rule.spendThreshold);
      break;
  }
  describeDeal(type, rule);
  return rule;
}

async function checkTargets(targets: NonNullable<PromotionInput['targets']>, lookups: PromotionInputLookups) {
  type Key = keyof typeof targets;
  const list = (key: Key) => [...new Set((targets[key] ?? []).map((s) => s.trim()))];
  const result = { skus: list('skus'), categoryIds: list('categoryIds'), brands: list('brands'), excludeSkus: list('excludeSkus'), excludeCategoryIds: list('excludeCategoryIds'), excludeBrands: list('excludeBrands') };
  if (result.skus.length + result.categoryIds.length + result.brands.length === 0) throw badUserInput('input.targets', 'must name at least one SKU, category or brand');
  if (result.skus.length > MAX_TARGET_SKUS) throw badUserInput('input.targets.skus', `at most ${MAX_TARGET_SKUS} SKUs; target a category or brand instead`);
  const known = async (key: Key, unknown: (values: readonly string[]) => Promise<Set<string>>, noun: string) => {
    const values = list(key);
    if (values.length === 0) return;
    const missing = await unknown(values);
    const raw = targets[key] ?? [];
    const index = raw.findIndex((v) => missing.has(v.trim()));
    if (index >= 0) throw badUserInput(`input.targets.${key}.${index}`, `no ${noun} ${raw[index]}`);
  };
  await known('skus', lookups.unknownSkus, 'product with a price');
  await known('excludeSkus', lookups.unknownSkus, 'product with a price');
  await known('categoryIds', lookups.unknownCategoryIds, 'category');
  await known('excludeCategoryIds', lookups.unknownCategoryIds, 'category');
  await known('brands', lookups.unknownBrands, 'brand');
  await known('excludeBrands', lookups.unknownBrands, 'brand');
  return result;
}

async function checkLocations(locations: NonNullable<PromotionInput['locations']>, channels: Channel[], lookups: PromotionInputLookups) {
  if (locations.scope !== 'ALL' && !channels.includes('STORE')) throw badUserInput('input.locations', 'narrows stores: it applies only with the STORE channel (online channels are national)');
  const all = await lookups.locations();
  const regions = [...new Set((locations.regions ?? []).map((r) => r.trim().toUpperCase()))];
  const locationIds = [...new Set(locations.locationIds ?? [])];
  if (locations.scope === 'REGIONS') {
    if (regions.length === 0) throw badUserInput('input.locations.regions', 'name at least one region for scope REGIONS');
    const known = new Set(all.filter((l) => l.type === 'STORE').map((l) => l.region.toUpperCase()));
    const bad = (locations.regions ?? []).findIndex((r) => !known.has(r.trim().toUpperCase()));
    if (bad >= 0) throw badUserInput(`input.locations.regions.${bad}`, `no stores in region ${locations.regions![bad]} (regions: ${[...known].sort().join(', ')})`);
  } else if (locations.scope === 'LIST') {
    if (locationIds.length === 0) throw badUserInput('input.locations.locationIds', 'name at least one store for scope LIST');
    const stores = new Set(all.filter((l) => l.type === 'STORE').map((l) => l.id));
    const bad = (locations.locationIds ?? []).findIndex((id) => !stores.has(id));
    if (bad >= 0) throw badUserInput(`input.locations.locationIds.${bad}`, `no store ${locations.locationIds![bad]}`);
  } else if (regions.length || locationIds.length) {
    throw badUserInput('input.locations', 'scope ALL takes no regions or locationIds');
  }
  return { scope: locations.scope, regions: locations.scope === 'REGIONS' ? regions : [], locationIds: locations.scope === 'LIST' ? locationIds : [] };
}

function checkDates(startsAt: string | null | undefined, endsAt: string | null | undefined, now: Date) {
  const start = startsAt ? parseLocalDateTime(startsAt) : null;
  if (!start) throw badUserInput('input.startsAt', 'must be a local date and time, YYYY-MM-DDTHH:mm (each store\'s own time)');
  const end = endsAt ? parseLocalDateTime(endsAt) : null;
  if (!end) throw badUserInput('input.endsAt', 'must be a local date and time, YYYY-MM-DDTHH:mm (each store\'s own time)');
  if (end.wall <= start.wall) throw badUserInput('input.endsAt', `must be after startsAt (${startsAt})`);
  if (end.wall - start.wall > MAX_DAYS * 86_400_000) throw badUserInput('input.endsAt', `a promotion runs at most ${MAX_DAYS} days`);
  if (end.wall + LATEST_OFFSET_MS <= now.getTime()) throw badUserInput('input.endsAt', 'is already past');
  return { startsAt: startsAt!, endsAt: endsAt! };
}
