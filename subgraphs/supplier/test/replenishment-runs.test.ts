// Replenishment runs against the real embedded ERP, on SQLite and PostgreSQL: hand-computed proposals, capacity, promotions, demand from orders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertEventData, createEnvelope, createTestStore, execute, TEST_DIALECTS, testSubgraphDeps, type Claims, type TestStore } from '@retail-hub/platform';
import { openTestErp, type TestErp } from '@retail-hub/erp';
import { createSupplierSubgraph, type SupplierSubgraph } from '../src/server.js';
import { deactivateSupplierInErp, readErpPurchasing } from './erp-purchasing.js';
import { dayAfter, publishPromotionScheduled, publishStockChanged, setSalesHistoryInErp, setSupplierTermsInErp } from './replenishment-fixture.js';

const PLANNER: Claims = { sub: 'planner', kind: 'key', scopes: ['purchasing:write'] };
const PARTNER: Claims = { sub: 'partner', kind: 'key', scopes: ['*'], partner: { type: 'supplier', id: 'SUP-0001' } };
const SELLING = ['LOC-E01', 'LOC-S0001', 'LOC-S0002', 'LOC-S0003', 'LOC-S0004', 'LOC-S0005', 'LOC-S0006'];

const RUN = /* GraphQL */ `mutation($scope: ReplenishmentScopeInput, $options: ReplenishmentOptionsInput) {
  runReplenishment(scope: $scope, options: $options) {
    run { id status positionsEvaluated proposalCount exceptionCount serviceLevel safetyFactor reviewPeriodDays runDate
      exceptions(first: 200) { nodes { code message product { sku } location { id } supplier { id } proposal { id } } } }
    errors { code message } } }`;
const PROPOSALS = /* GraphQL */ `query($id: ID!, $filter: ReplenishmentProposalFilter) { replenishmentRun(id: $id) { proposals(filter: $filter, first: 200) { totalCount nodes {
  id status product { sku } location { id } supplier { id } forecastDailyDemand demandStdDev leadTimeDays reviewPeriodDays horizonDays leadTimeDemand horizonDemand
  promotionUplift promotionId weekdayFactors safetyStock reorderPoint orderUpTo onHand inbound reserved stockPosition rawQuantity roundedQuantity quantity packSize
  minOrderQty unitCost { centAmount currency } expectedArrival exceptions } } } }`;

describe.each(TEST_DIALECTS)('replenishment runs on %s', (dialect) => {
  let erp: TestErp;
  let store: TestStore;
  let subgraph: SupplierSubgraph;
  let deps: ReturnType<typeof testSubgraphDeps>;
  /** A: hand-computed; B: capacity; C, D: promotion; E: no supplier. */
  const sku: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = { A: '', B: '', C: '', D: '', E: '' };
  const supplierOf: Record<string, string> = {};

  const run = async (scope: Record<string, unknown>, options?: Record<string, unknown>, claims: Claims = PLANNER) => {
    const result = await execute(subgraph, RUN, { scope, options }, claims);
    expect(result.errors).toBeUndefined();
    return result.data.runReplenishment;
  };
  const proposals = async (runId: string, filter: Record<string, unknown> = {}) => {
    const result = await execute(subgraph, PROPOSALS, { id: runId, filter });
    expect(result.errors).toBeUndefined();
    return result.data.replenishmentRun.proposals;
  };

  beforeAll(async () => {
    erp = await openTestErp();
    const truth = await readErpPurchasing(erp);
    const bySku = new Map<string, string[]>();
    for (const item of truth.items) bySku.set(item.sku, [...(bySku.get(item.sku) ?? []), item.supplierId]);
    const onSeededOrders = new Set(truth.orders.flatMap((o) => o.lines.map((l) => l.sku)));
    const single = [...bySku].filter(([, suppliers]) => suppliers.length === 1).map(([s, [supplier]]) => [s, supplier!] as const);
    const [e, eSupplier] = single[0]!;
    const others = single.filter(([s, supplier]) => supplier !== eSupplier && !onSeededOrders.has(s) && s !== e);
    const used = new Set<string>();
    for (const key of ['A', 'B', 'C', 'D'] as const) {
      const [s, supplier] = others.find(([, sup]) => !used.has(sup))!;
      used.add(supplier);
      sku[key] = s;
      supplierOf[s] = supplier;
    }
    sku.E = e;
    supplierOf[e] = eSupplier;
    // Flat demand everywhere (so weekday factors are 1 and the spread is 0): the figures below follow by hand.
    await setSalesHistoryInErp(erp, sku.A, () => 4);
    await setSalesHistoryInErp(erp, sku.B, () => 2);
    await setSalesHistoryInErp(erp, sku.C, () => 3);
    await setSalesHistoryInErp(erp, sku.D, () => 3);
    await setSalesHistoryInErp(erp, sku.E, () => 1);
    await setSupplierTermsInErp(erp, supplierOf[sku.A]!, sku.A, { packSize: 12, minOrderQty: 24, leadTimeDays: 5, weeklyCapacity: 100_000 });
    await setSupplierTermsInErp(erp, supplierOf[sku.B]!, sku.B, { packSize: 6, minOrderQty: 6, leadTimeDays: 3, weeklyCapacity: 60 });
    await setSupplierTermsInErp(erp, supplierOf[sku.C]!, sku.C, { packSize: 1, minOrderQty: 0, leadTimeDays: 2, weeklyCapacity: 100_000 });
    await setSupplierTermsInErp(erp, supplierOf[sku.D]!, sku.D, { packSize: 1, minOrderQty: 0, leadTimeDays: 6, weeklyCapacity: 100_000 });

    store = await createTestStore(dialect, 'replenishment');
    deps = testSubgraphDeps(store.config);
    subgraph = await createSupplierSubgraph({ ...deps, erp: erp.ports, replenishment: { dailyRunAt: null, pollIntervalMs: 3_600_000 } });
    await subgraph.start();
    await subgraph.planning.load();
    // One run of events (the bus hands them to the projection together); A at S0001 twice, the later one counts.
    await publishStockChanged(deps.bus, deps.clock, [
      { sku: sku.A, locationId: 'LOC-S0001', onHand: 500, reserved: 0, inbound: 0 },
      { sku: sku.A, locationId: 'LOC-S0001', onHand: 10, reserved: 2, inbound: 6 },
      ...SELLING.flatMap((locationId) => [sku.B, sku.C, sku.D].map((s) => ({ sku: s, locationId, onHand: 0 }))),
    ]);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await store?.drop();
    await erp?.close();
  });

  it('proposes what the policy gives by hand, with every figure on the proposal', async () => {
    const { run: r, errors } = await run({ skus: [sku.A] });
    expect(errors).toEqual([]);
    expect(r).toMatchObject({ status: 'COMPLETED', positionsEvaluated: 7, serviceLevel: 0.95, safetyFactor: 1.6449, reviewPeriodDays: 7, runDate: dayAfter(deps.clock, 0) });
    const { nodes } = await proposals(r.id, { locationId: 'LOC-S0001' });
    // 4 a day, no spread (SS 0), lead 5, review 7: lead-time demand 20, horizon 48; ROP 20, OUT 48.
    // Position 10 + 6 - 2 = 14 <= 20: raw 48 - 14 = 34 -> 3 cases of 12 = 36 (over the minimum of 24).
    expect(nodes).toEqual([
      expect.objectContaining({
        status: 'PROPOSED',
        product: { sku: sku.A },
        location: { id: 'LOC-S0001' },
        supplier: { id: supplierOf[sku.A] },
        forecastDailyDemand: 4,
        demandStdDev: 0,
        leadTimeDays: 5,
        reviewPeriodDays: 7,
        horizonDays: 12,
        leadTimeDemand: 20,
        horizonDemand: 48,
        promotionUplift: 0,
        weekdayFactors: [1, 1, 1, 1, 1, 1, 1],
        safetyStock: 0,
        reorderPoint: 20,
        orderUpTo: 48,
        onHand: 10,
        inbound: 6,
        reserved: 2,
        stockPosition: 14,
        rawQuantity: 34,
        roundedQuantity: 36,
        quantity: 36,
        packSize: 12,
        minOrderQty: 24,
        expectedArrival: dayAfter(deps.clock, 5),
        exceptions: [],
      }),
    ]);
  });

  it('shares a short weekly capacity between locations in proportion to need, in whole cases', async () => {
    const { run: r } = await run({ skus: [sku.B] });
    const { nodes } = await proposals(r.id);
    // 2 a day, lead 3, review 7, nothing in stock: each of 7 locations needs 20 -> 24 (cases of 6), 168 in all.
    // Capacity 60 = 5/14 of the need: 8.57 each -> one case (6) each = 42; the 18 left go a case each to the first three.
    expect(nodes.map((p: any) => [p.location.id, p.roundedQuantity, p.quantity])).toEqual([
      ['LOC-E01', 24, 12],
      ['LOC-S0001', 24, 12],
      ['LOC-S0002', 24, 12],
      ['LOC-S0003', 24, 6],
      ['LOC-S0004', 24, 6],
      ['LOC-S0005', 24, 6],
      ['LOC-S0006', 24, 6],
    ]);
    expect(nodes.every((p: any) => p.exceptions.includes('SUPPLIER_CAPACITY_EXCEEDED'))).toBe(true);
    expect(r.exceptions.nodes).toEqual([
      expect.objectContaining({ code: 'SUPPLIER_CAPACITY_EXCEEDED', product: { sku: sku.B }, supplier: { id: supplierOf[sku.B] }, message: expect.stringContaining('need 168 units') }),
    ]);
  });

  it('runs itself for a scheduled promotion: uplift in its window, arrival before its start, or LEAD_TIME_MISSES_PROMOTION', async () => {
    const firstDay = dayAfter(deps.clock, 5);
    await publishPromotionScheduled(deps.bus, deps.clock, { promotionId: 'PROMO-RUN-1', uplift: 2, skus: [sku.C, sku.D], locationIds: ['LOC-S0001', 'LOC-S0002'], firstDay, lastDay: dayAfter(deps.clock, 6) });
    await subgraph.scheduler.tick();
    const runs = await execute(subgraph, /* GraphQL */ `{ replenishmentRuns(filter: { trigger: PROMOTION }) { nodes { id status promotionId scope { skus locationIds } } } }`);
    const promotionRun = runs.data.replenishmentRuns.nodes[0];
    expect(promotionRun).toMatchObject({ status: 'COMPLETED', promotionId: 'PROMO-RUN-1', scope: { skus: [sku.C, sku.D], locationIds: ['LOC-S0001', 'LOC-S0002'] } });

    const c = (await proposals(promotionRun.id, { sku: sku.C })).nodes;
    // 3 a day, lead 2; the run plans through the promotion's last day (day 6): horizon max(2 + 7, 7) = 9 days, of which days 5
    // and 6 at twice the rate: 27 + 6 = 33. Nothing in stock, no spread: order 33 (cases of 1), arriving on day 2.
    expect(c.map((p: any) => [p.location.id, p.horizonDays, p.leadTimeDemand, p.horizonDemand, p.promotionUplift, p.promotionId, p.quantity, p.expectedArrival, p.exceptions])).toEqual([
      ['LOC-S0001', 9, 6, 33, 6, 'PROMO-RUN-1', 33, dayAfter(deps.clock, 2), []],
      ['LOC-S0002', 9, 6, 33, 6, 'PROMO-RUN-1', 33, dayAfter(deps.clock, 2), []],
    ]);
    expect(c.every((p: any) => p.expectedArrival < firstDay)).toBe(true);

    const d = (await proposals(promotionRun.id, { sku: sku.D })).nodes;
    // Lead 6: an order placed now arrives on day 6, after the start on day 5.
    expect(d.map((p: any) => [p.location.id, p.expectedArrival, p.exceptions])).toEqual([
      ['LOC-S0001', dayAfter(deps.clock, 6), ['LEAD_TIME_MISSES_PROMOTION']],
      ['LOC-S0002', dayAfter(deps.clock, 6), ['LEAD_TIME_MISSES_PROMOTION']],
    ]);
    const exceptions = await execute(subgraph, /* GraphQL */ `query($id: ID!) { replenishmentRun(id: $id) { exceptions(filter: { code: LEAD_TIME_MISSES_PROMOTION }) { nodes { location { id } product { sku } proposal { id } message } } } }`, { id: promotionRun.id });
    expect(exceptions.data.replenishmentRun.exceptions.nodes).toEqual(
      d.map((p: any) => ({ location: { id: p.location.id }, product: { sku: sku.D }, proposal: { id: p.id }, message: expect.stringContaining(`PROMO-RUN-1 starts on ${firstDay}`) })),
    );

    // Approved, they become orders expected before the promotion starts.
    const approved = await execute(subgraph, /* GraphQL */ `mutation($ids: [ID!]!) { approveProposals(ids: $ids) { purchaseOrders { status expectedDate location { id } lines { product { sku } quantity } } errors { code } } }`, { ids: c.map((p: any) => p.id) }, PLANNER);
    expect(approved.data.approveProposals.errors).toEqual([]);
    expect(approved.data.approveProposals.purchaseOrders).toEqual([
      { status: 'SENT', expectedDate: dayAfter(deps.clock, 2), location: { id: 'LOC-S0001' }, lines: [{ product: { sku: sku.C }, quantity: 33 }] },
      { status: 'SENT', expectedDate: dayAfter(deps.clock, 2), location: { id: 'LOC-S0002' }, lines: [{ product: { sku: sku.C }, quantity: 33 }] },
    ]);
  });

  it('reports NO_SUPPLIER for a product that sells but whose only supplier is blocked', async () => {
    await deactivateSupplierInErp(erp, supplierOf[sku.E]!);
    await subgraph.sync.syncNow();
    const { run: r } = await run({ skus: [sku.E] });
    expect(r.proposalCount).toBe(0);
    expect(r.exceptions.nodes).toEqual([expect.objectContaining({ code: 'NO_SUPPLIER', product: { sku: sku.E }, location: null, proposal: null })]);
  });

  it('marks an earlier run\'s proposal SUPERSEDED once a later run planned the same position, and will not approve it', async () => {
    const first = (await run({ skus: [sku.A], locationIds: ['LOC-S0001'] })).run;
    const second = (await run({ skus: [sku.A] })).run;
    const [old] = (await proposals(first.id)).nodes;
    const [current] = (await proposals(second.id, { locationId: 'LOC-S0001' })).nodes;
    expect([old.status, current.status]).toEqual(['SUPERSEDED', 'PROPOSED']);
    const approve = await execute(subgraph, /* GraphQL */ `mutation($ids: [ID!]!) { approveProposals(ids: $ids) { purchaseOrders { id } errors { code field message } } }`, { ids: [old.id] }, PLANNER);
    expect(approve.data.approveProposals).toEqual({ purchaseOrders: [], errors: [{ code: 'SUPERSEDED', field: 'ids.0', message: expect.stringContaining(second.id) }] });
  });

  it('runs in parallel without mixing runs', async () => {
    const results = await Promise.all([run({ skus: [sku.A, sku.B] }), run({ skus: [sku.A, sku.B] }), run({})]);
    expect(new Set(results.map((r) => r.run.id)).size).toBe(3);
    expect(results.map((r) => r.run.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
    expect(results[0].run.proposalCount).toBe(results[1].run.proposalCount);
    // Every SKU at the 7 selling locations, but E, whose only supplier was blocked above.
    expect(results[2].run.positionsEvaluated).toBe(59 * 7);
  });

  it('refuses bad input naming the field, and records no run', async () => {
    const count = async () => (await execute(subgraph, /* GraphQL */ `{ replenishmentRuns { totalCount } }`)).data.replenishmentRuns.totalCount;
    const before = await count();
    const cases: [Record<string, unknown>, Record<string, unknown> | undefined, string][] = [
      [{ locationIds: ['LOC-S0001', 'LOC-NOWHERE'] }, undefined, 'scope.locationIds.1'],
      [{ skus: ['SKU-999999'] }, undefined, 'scope.skus.0'],
      [{ skus: [] }, undefined, 'scope.skus'],
      [{ regions: ['ATLANTIS'] }, undefined, 'scope.regions.0'],
      [{ supplierIds: ['SUP-9999'] }, undefined, 'scope.supplierIds.0'],
      [{}, { serviceLevel: 1.5 }, 'options.serviceLevel'],
      [{}, { reviewPeriodDays: 0 }, 'options.reviewPeriodDays'],
    ];
    for (const [scope, options, field] of cases) {
      const result = await execute(subgraph, RUN, { scope, options }, PLANNER);
      expect(result.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await count()).toBe(before);
  });

  it('keeps runs and proposals from supplier partners and from keys without purchasing:write', async () => {
    const asPartner = await execute(subgraph, RUN, { scope: { skus: [sku.A] } }, PARTNER);
    expect(asPartner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const readOnly = await execute(subgraph, RUN, { scope: { skus: [sku.A] } }, { sub: 'ro', kind: 'key', scopes: ['supplier:read'] });
    expect(readOnly.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await execute(subgraph, /* GraphQL */ `{ replenishmentRuns { totalCount } }`, {}, PARTNER);
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  // Moves the clock a day on: keep it last.
  it('folds a closed day of order demand into the forecast', async () => {
    const today = deps.clock.now().toISOString();
    // Two orders of 12 at one store, published together: the run adds both to the same day.
    const confirmed = ['ORD-RUN-1', 'ORD-RUN-2'].map((orderId) => {
      const data = {
        orderId,
        channel: 'STORE',
        locationId: 'LOC-S0002',
        currency: 'USD',
        totalCentAmount: 12_000,
        fulfilments: [{ fulfilmentId: `${orderId}-F1`, locationId: 'LOC-S0002', lines: [{ sku: sku.A, quantity: 12 }] }],
        confirmedAt: today,
      };
      assertEventData('orders.order.confirmed.v1', data);
      return createEnvelope('orders', { type: 'orders.order.confirmed.v1', subject: orderId, data }, deps.clock);
    });
    await deps.bus.publish(confirmed);
    deps.clock.advance(86_400_000);
    const { run: r } = await run({ skus: [sku.A] });
    const all = (await proposals(r.id)).nodes;
    const at = (id: string) => all.find((p: any) => p.location.id === id);
    // Today closed with 24 sold at S0002 and nothing elsewhere (alpha 0.1, beta 0.1, level 4 before):
    // S0002: level 0.1 * 24 + 0.9 * 4 = 6, error 20, mse 0.1 * 400 = 40, sd 6.3246; elsewhere level 3.6, mse 1.6, sd 1.2649.
    expect(at('LOC-S0002')).toMatchObject({ forecastDailyDemand: 6, demandStdDev: 6.3246 });
    expect(at('LOC-S0001')).toMatchObject({ forecastDailyDemand: 3.6, demandStdDev: 1.2649 });
  });
});
