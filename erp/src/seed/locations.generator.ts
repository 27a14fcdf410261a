// Writes the warehouses (stores, DCs, the ecommerce FC) and their hub-id mapping; returns their profiles.
import { apportion } from './apportion.js';
import { writeStep } from './progress-chunks.js';
import { ECOMMERCE_SHARE_OF_STORE_VOLUME } from './demand-model.js';
import { DISTRIBUTION_CENTRES, ECOMMERCE_FC, REGIONS, STORE_FORMATS } from './location-vocabulary.js';
import type { SeedContext } from './seed-context.js';
import type { LocationProfile } from './seed-model.js';

/** ERP codes: stores W1001+, DCs W9001+, the ecommerce FC W9901 (sorted by code = stores, DCs, FC). */
const STORE_CODE_BASE = 1000;
export const MAX_STORES = 7999;

export function generateLocations(ctx: SeedContext, storeCount: number): LocationProfile[] {
  const rng = ctx.rng('locations');
  const perRegion = apportion(REGIONS.map((r) => r.weight), storeCount);
  // Interleave regions over store numbers: chains number stores in opening order, not by region.
  const storeRegions = rng.shuffle(REGIONS.flatMap((region, i) => Array.from({ length: perRegion[i] ?? 0 }, () => region)));

  const locations: LocationProfile[] = storeRegions.map((region, i) => {
    const number = i + 1;
    // Squaring the uniform leans towards the big cities at the head of each list.
    const city = region.cities[Math.floor(rng.next() ** 2 * region.cities.length)] as string;
    return {
      index: i,
      code: `W${STORE_CODE_BASE + number}`,
      hubId: `LOC-S${String(number).padStart(4, '0')}`,
      name: `${city} #${String(number).padStart(4, '0')}`,
      type: 'STORE' as const,
      region: region.code,
      timeZone: region.timeZone,
      sellingSize: drawStoreSize(rng.next(), rng.between(0.9, 1.1)),
      servedSize: 0,
    };
  });

  const storeVolume = locations.reduce((a, l) => a + l.sellingSize, 0);
  const ecommerceSize = storeVolume * ECOMMERCE_SHARE_OF_STORE_VOLUME;
  DISTRIBUTION_CENTRES.forEach((dc, i) => {
    const served = locations.filter((l) => l.type === 'STORE' && dc.serves.includes(l.region)).reduce((a, l) => a + l.sellingSize, 0);
    locations.push({
      index: locations.length,
      code: `W${9001 + i}`,
      hubId: `LOC-D${String(i + 1).padStart(2, '0')}`,
      name: dc.name,
      type: 'DC',
      region: dc.region,
      timeZone: timeZoneOf(dc.region),
      sellingSize: 0,
      servedSize: served + (dc.servesEcommerce ? ecommerceSize : 0),
    });
  });
  locations.push({
    index: locations.length,
    code: 'W9901',
    hubId: 'LOC-E01',
    name: ECOMMERCE_FC.name,
    type: 'ECOM_FC',
    region: ECOMMERCE_FC.region,
    timeZone: timeZoneOf(ECOMMERCE_FC.region),
    sellingSize: ecommerceSize,
    servedSize: 0,
  });

  const insertWarehouse = ctx.sqlite.prepare('INSERT INTO warehouse (code, name, type, region, time_zone, active) VALUES (?, ?, ?, ?, ?, 1)');
  const insertXref = ctx.sqlite.prepare("INSERT INTO xref (entity, hub_id, erp_id) VALUES ('location', ?, ?)");
  writeStep(ctx, 'locations', locations.length, () => {
    for (const l of locations) {
      insertWarehouse.run(l.code, l.name, l.type, l.region, l.timeZone);
      insertXref.run(l.hubId, l.code);
    }
  });
  return locations;
}

function drawStoreSize(formatDraw: number, jitter: number): number {
  let cumulative = 0;
  for (const format of STORE_FORMATS) {
    cumulative += format.share;
    if (formatDraw < cumulative) return format.sizeFactor * jitter;
  }
  return (STORE_FORMATS[STORE_FORMATS.length - 1]?.sizeFactor ?? 1) * jitter;
}

function timeZoneOf(regionCode: string): string {
  const region = REGIONS.find((r) => r.code === regionCode);
  if (!region) throw new Error(`unknown region ${regionCode}`);
  return region.timeZone;
}
