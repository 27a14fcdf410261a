// Fulfilment routing as a pure function: which locations an order ships from, given where it was placed and what they have.

export type LocationType = 'STORE' | 'DC' | 'ECOM_FC';

export interface RoutingLocation {
  id: string;
  type: LocationType;
  region: string;
  active: boolean;
}

export interface RoutingLine {
  sku: string;
  quantity: number;
}

export interface Allocation {
  locationId: string;
  lines: RoutingLine[];
}

export interface RoutingRequest {
  channel: 'STORE' | 'ECOMMERCE' | 'MOBILE';
  /** Where the order was placed. */
  placedAt: RoutingLocation;
  /** The customer's region: stores there may fulfil an ecommerce order. */
  region: string;
  lines: RoutingLine[];
  /** Every location the hub knows. */
  locations: readonly RoutingLocation[];
  /** Units of a SKU available at a location now (0 when unknown). */
  available: (locationId: string, sku: string) => number;
}

export type Routing = { ok: true; allocations: Allocation[] } | { ok: false; short: { sku: string; quantity: number; available: number }[] };

/**
 * Where an ecommerce or mobile order may ship from, in order of preference: the ecommerce
 * centre, then the distribution centres, then the stores of the customer's region.
 */
export function candidateTiers(locations: readonly RoutingLocation[], region: string): RoutingLocation[][] {
  const active = locations.filter((l) => l.active).sort((a, b) => (a.id < b.id ? -1 : 1));
  return [active.filter((l) => l.type === 'ECOM_FC'), active.filter((l) => l.type === 'DC'), active.filter((l) => l.type === 'STORE' && l.region.toUpperCase() === region.toUpperCase())];
}

/**
 * Store orders ship from their store (the reservation there decides whether it has the units).
 * Ecommerce and mobile orders ship from the first location, in preference order, that can fill
 * the whole order; only when none can is the order split, each time taking the location that
 * covers the most of what is still missing (the earlier in preference on a tie).
 */
export function routeFulfilment(request: RoutingRequest): Routing {
  if (request.channel === 'STORE') return { ok: true, allocations: [{ locationId: request.placedAt.id, lines: request.lines.map((l) => ({ ...l })) }] };
  const candidates = candidateTiers(request.locations, request.region).flat();
  const single = candidates.find((loc) => request.lines.every((l) => request.available(loc.id, l.sku) >= l.quantity));
  if (single) return { ok: true, allocations: [{ locationId: single.id, lines: request.lines.map((l) => ({ ...l })) }] };
  return split(request, candidates);
}

function split(request: RoutingRequest, candidates: RoutingLocation[]): Routing {
  const missing = new Map(request.lines.map((l) => [l.sku, l.quantity]));
  const unused = [...candidates];
  const allocations: Allocation[] = [];
  const coverage = (loc: RoutingLocation) => [...missing].reduce((sum, [sku, q]) => sum + Math.min(q, Math.max(0, request.available(loc.id, sku))), 0);
  while ([...missing.values()].some((q) => q > 0)) {
    let bestIndex = -1;
    let bestCovered = 0;
    for (const [index, loc] of unused.entries()) {
      const covered = coverage(loc);
      if (covered > bestCovered) [bestIndex, bestCovered] = [index, covered];
    }
    if (bestIndex < 0) break;
    const [loc] = unused.splice(bestIndex, 1) as [RoutingLocation];
    const lines: RoutingLine[] = [];
    for (const l of request.lines) {
      const take = Math.min(missing.get(l.sku) ?? 0, Math.max(0, request.available(loc.id, l.sku)));
      if (take === 0) continue;
      lines.push({ sku: l.sku, quantity: take });
      missing.set(l.sku, (missing.get(l.sku) ?? 0) - take);
    }
    allocations.push({ locationId: loc.id, lines });
  }
  const short = request.lines.filter((l) => (missing.get(l.sku) ?? 0) > 0);
  if (short.length === 0) return { ok: true, allocations };
  return {
    ok: false,
    short: short.map((l) => ({ sku: l.sku, quantity: l.quantity, available: l.quantity - (missing.get(l.sku) ?? 0) })),
  };
}
