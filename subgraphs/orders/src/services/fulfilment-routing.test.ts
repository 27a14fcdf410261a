// Fulfilment routing: store orders from their store; ecommerce from the centre, else a DC, else the region's stores; one location before a split.
import { describe, expect, it } from 'vitest';
import { candidateTiers, routeFulfilment, type RoutingLocation, type RoutingRequest } from './fulfilment-routing.js';

const loc = (id: string, type: RoutingLocation['type'], region = 'WEST', active = true): RoutingLocation => ({ id, type, region, active });
const LOCATIONS = [
  loc('LOC-E01', 'ECOM_FC', 'MIDWEST'),
  loc('LOC-D02', 'DC', 'SOUTH'),
  loc('LOC-D01', 'DC', 'EAST'),
  loc('LOC-S0001', 'STORE', 'WEST'),
  loc('LOC-S0002', 'STORE', 'WEST'),
  loc('LOC-S0003', 'STORE', 'EAST'),
  loc('LOC-S0004', 'STORE', 'WEST', false),
];

function request(stock: Record<string, Record<string, number>>, lines: RoutingRequest['lines'], overrides: Partial<RoutingRequest> = {}): RoutingRequest {
  return { channel: 'ECOMMERCE', placedAt: LOCATIONS[0]!, region: 'WEST', lines, locations: LOCATIONS, available: (l, sku) => stock[l]?.[sku] ?? 0, ...overrides };
}

describe('routeFulfilment', () => {
  it('ships a store order from its store, whatever the stock says', () => {
    const routing = routeFulfilment(request({}, [{ sku: 'A', quantity: 3 }], { channel: 'STORE', placedAt: LOCATIONS[3]! }));
    expect(routing).toEqual({ ok: true, allocations: [{ locationId: 'LOC-S0001', lines: [{ sku: 'A', quantity: 3 }] }] });
  });

  it('prefers the ecommerce centre, then a DC in id order, then a store of the customer region', () => {
    const lines = [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }];
    const full = { A: 5, B: 5 };
    expect(routeFulfilment(request({ 'LOC-E01': full, 'LOC-D01': full, 'LOC-S0001': full }, lines))).toMatchObject({ allocations: [{ locationId: 'LOC-E01' }] });
    expect(routeFulfilment(request({ 'LOC-D02': full, 'LOC-D01': full, 'LOC-S0001': full }, lines))).toMatchObject({ allocations: [{ locationId: 'LOC-D01' }] });
    expect(routeFulfilment(request({ 'LOC-S0003': full, 'LOC-S0002': full }, lines))).toMatchObject({ allocations: [{ locationId: 'LOC-S0002' }] });
  });

  it('never uses stores outside the region or closed stores', () => {
    const routing = routeFulfilment(request({ 'LOC-S0003': { A: 9 }, 'LOC-S0004': { A: 9 } }, [{ sku: 'A', quantity: 1 }]));
    expect(routing).toEqual({ ok: false, short: [{ sku: 'A', quantity: 1, available: 0 }] });
  });

  it('takes one location that can fill everything over a split that starts at a preferred one', () => {
    const lines = [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 2 }];
    const routing = routeFulfilment(request({ 'LOC-E01': { A: 2 }, 'LOC-S0002': { A: 2, B: 2 } }, lines));
    expect(routing).toEqual({ ok: true, allocations: [{ locationId: 'LOC-S0002', lines }] });
  });

  it('splits only when no single location can fill the order, covering the most first', () => {
    const lines = [{ sku: 'A', quantity: 3 }, { sku: 'B', quantity: 2 }, { sku: 'C', quantity: 1 }];
    const routing = routeFulfilment(request({ 'LOC-E01': { A: 1, C: 1 }, 'LOC-D01': { A: 3, B: 1 }, 'LOC-S0001': { B: 5 } }, lines));
    expect(routing).toEqual({
      ok: true,
      allocations: [
        { locationId: 'LOC-D01', lines: [{ sku: 'A', quantity: 3 }, { sku: 'B', quantity: 1 }] },
        { locationId: 'LOC-E01', lines: [{ sku: 'C', quantity: 1 }] },
        { locationId: 'LOC-S0001', lines: [{ sku: 'B', quantity: 1 }] },
      ],
    });
  });

  it('says what is short when all candidates together cannot fill the order', () => {
    const routing = routeFulfilment(request({ 'LOC-E01': { A: 1 }, 'LOC-S0001': { A: 1, B: 4 } }, [{ sku: 'A', quantity: 5 }, { sku: 'B', quantity: 4 }]));
    expect(routing).toEqual({ ok: false, short: [{ sku: 'A', quantity: 5, available: 2 }] });
  });

  it('allocates exactly the units ordered, across any split', () => {
    for (let seed = 1; seed < 200; seed++) {
      const rand = (n: number) => (seed * 7919 + n * 104729) % 7;
      const stock: Record<string, Record<string, number>> = {};
      for (const [i, l] of LOCATIONS.entries()) stock[l.id] = { A: rand(i), B: rand(i + 10), C: rand(i + 20) };
      const lines = [{ sku: 'A', quantity: 1 + (seed % 6) }, { sku: 'B', quantity: 1 + (seed % 4) }, { sku: 'C', quantity: 2 }];
      const routing = routeFulfilment(request(stock, lines));
      if (!routing.ok) continue;
      for (const line of lines) expect(routing.allocations.flatMap((a) => a.lines).filter((l) => l.sku === line.sku).reduce((n, l) => n + l.quantity, 0)).toBe(line.quantity);
      for (const a of routing.allocations) for (const l of a.lines) expect(l.quantity).toBeLessThanOrEqual(stock[a.locationId]![l.sku]!);
    }
  });
});

describe('candidateTiers', () => {
  it('lists the centre, the DCs, then the active stores of the region, each in id order', () => {
    expect(candidateTiers(LOCATIONS, 'west').map((t) => t.map((l) => l.id))).toEqual([['LOC-E01'], ['LOC-D01', 'LOC-D02'], ['LOC-S0001', 'LOC-S0002']]);
  });
});
