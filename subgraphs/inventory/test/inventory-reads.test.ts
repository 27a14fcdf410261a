// Locations and stock levels read from the inventory subgraph match the ERP, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, type OperationResult } from '@retail-hub/platform';
import { TEST_DIALECTS } from '@retail-hub/platform/store/test-stores';
import { outboxEvents, startInventory, type InventoryHarness } from './inventory-harness.js';

describe.each(TEST_DIALECTS)('inventory reads on %s', (dialect) => {
  let h: InventoryHarness;

  beforeAll(async () => {
    h = await startInventory(dialect);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('emitted no stock events for the first bulk load of the ERP ledger', async () => {
    expect(await outboxEvents(h.db)).toEqual([]);
  });

  it('lists every ERP location with what the ERP says about it', async () => {
    const erpLocations = await h.erp.erp.ports.stockLedger.getLocations();
    const result = await execute(h.subgraph, /* GraphQL */ `{ locations(first: 200) { totalCount nodes { id code name type region timeZone active } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.locations.totalCount).toBe(erpLocations.length);
    expect(result.data.locations.nodes).toEqual([...erpLocations].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('filters locations by type, region (any case) and words, and pages with cursors', async () => {
    const dcs = await execute(h.subgraph, /* GraphQL */ `{ locations(filter: { type: DC }) { nodes { id type } } }`);
    expect(dcs.data.locations.nodes.map((l: { id: string }) => l.id)).toEqual(['LOC-D01', 'LOC-D02', 'LOC-D03']);
    const midwest = await execute(h.subgraph, /* GraphQL */ `{ locations(filter: { region: "midwest" }) { nodes { region } } }`);
    expect(midwest.data.locations.nodes.length).toBeGreaterThan(0);
    expect(midwest.data.locations.nodes.every((l: { region: string }) => l.region === 'MIDWEST')).toBe(true);
    const ecom = await execute(h.subgraph, /* GraphQL */ `{ locations(filter: { search: "fulfilment KANSAS" }) { nodes { id } } }`);
    expect(ecom.data.locations.nodes).toEqual([{ id: 'LOC-E01' }]);

    const first = await execute(h.subgraph, /* GraphQL */ `{ locations(first: 4) { nodes { id } pageInfo { hasNextPage endCursor } } }`);
    const rest = await execute(h.subgraph, /* GraphQL */ `query($after: String) { locations(first: 200, after: $after) { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }`, { after: first.data.locations.pageInfo.endCursor });
    expect(first.data.locations.pageInfo.hasNextPage).toBe(true);
    expect(rest.data.locations.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    const ids = [...first.data.locations.nodes, ...rest.data.locations.nodes].map((l: { id: string }) => l.id);
    expect(ids).toHaveLength(10);
    expect(ids).toEqual([...ids].sort());
  });

  it('answers location(id), and says which id is unknown', async () => {
    const known = await execute(h.subgraph, /* GraphQL */ `{ location(id: "LOC-S0002") { id code name } }`);
    expect(known.data.location).toMatchObject({ id: 'LOC-S0002', code: 'S0002' });
    const unknown = await execute(h.subgraph, /* GraphQL */ `{ location(id: "LOC-NOPE") { id } }`);
    expect(unknown.data?.location).toBeNull();
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('holds every ERP position with its on-hand and inbound (the operations view, page by page)', async () => {
    type Level = { sku: string; location: { id: string }; onHand: number; reserved: number; available: number; inbound: number; stale: boolean };
    type Page = { stockLevels: { totalCount: number; nodes: Level[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const levels: Level[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: OperationResult<Page> = await execute<Page>(h.subgraph, /* GraphQL */ `query($after: String) { stockLevels(first: 200, after: $after) { totalCount nodes { sku location { id } onHand reserved available inbound stale asOf } pageInfo { hasNextPage endCursor } } }`, { after });
      expect(result.errors).toBeUndefined();
      const connection = result.data!.stockLevels;
      expect(connection.totalCount).toBe(600);
      levels.push(...connection.nodes);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(levels).toHaveLength(600);
    expect(new Set(levels.map((l) => `${l.sku}@${l.location.id}`)).size).toBe(600);
    const erpPositions = await h.erp.erp.ports.stockLedger.getPositions(levels.map((l) => ({ sku: l.sku, locationId: l.location.id })));
    levels.forEach((level, i) => {
      expect(level).toMatchObject({ onHand: erpPositions[i]!.onHand, inbound: erpPositions[i]!.inbound, reserved: 0, available: erpPositions[i]!.onHand, stale: false });
    });
    expect(levels.some((l) => l.inbound > 0)).toBe(true);
  });

  it('filters the operations view by SKUs, locations and a low-stock threshold', async () => {
    const result = await execute(h.subgraph, /* GraphQL */ `{ stockLevels(filter: { skus: ["SKU-000001", "SKU-000002"], locationIds: ["LOC-S0001", "LOC-D01"] }) { totalCount nodes { sku location { id } } } }`);
    expect(result.data.stockLevels.nodes.map((n: { sku: string; location: { id: string } }) => `${n.sku}@${n.location.id}`)).toEqual([
      'SKU-000001@LOC-D01',
      'SKU-000001@LOC-S0001',
      'SKU-000002@LOC-D01',
      'SKU-000002@LOC-S0001',
    ]);
    const low = await execute(h.subgraph, /* GraphQL */ `{ stockLevels(filter: { belowAvailable: 3 }, first: 200) { totalCount nodes { available } } }`);
    expect(low.data.stockLevels.totalCount).toBeGreaterThan(0);
    expect(low.data.stockLevels.totalCount).toBeLessThan(600);
    expect(low.data.stockLevels.nodes.every((n: { available: number }) => n.available < 3)).toBe(true);
  });

  it('refuses unknown location filters, negative thresholds and bad cursors, naming the argument', async () => {
    const unknown = await execute(h.subgraph, /* GraphQL */ `{ stockLevels(filter: { locationIds: ["LOC-S0001", "LOC-NOPE"] }) { totalCount } }`);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.locationIds.1' });
    const negative = await execute(h.subgraph, /* GraphQL */ `{ stockLevels(filter: { belowAvailable: -1 }) { totalCount } }`);
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.belowAvailable' });
    const cursor = await execute(h.subgraph, /* GraphQL */ `{ stockLevels(after: "bogus") { totalCount } }`);
    expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('resolves Location and Product entity references with the stock fields inventory adds', async () => {
    const [erpPosition] = await h.erp.erp.ports.stockLedger.getPositions([{ sku: 'SKU-000003', locationId: 'LOC-S0004' }]);
    const result = await execute(
      h.subgraph,
      /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Location { id name type }
        ... on Product { sku stock(locationId: "LOC-S0004") { sku onHand inbound available product { sku } location { id } asOf stale } stockLevels(first: 3) { totalCount nodes { location { id } } } }
      } }`,
      { reps: [{ __typename: 'Location', id: 'LOC-D02' }, { __typename: 'Product', sku: 'SKU-000003' }, { __typename: 'Location', id: 'LOC-NOPE' }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0]).toEqual({ id: 'LOC-D02', name: expect.any(String), type: 'DC' });
    expect(result.data._entities[1].stock).toMatchObject({
      sku: 'SKU-000003',
      onHand: erpPosition!.onHand,
      inbound: erpPosition!.inbound,
      available: erpPosition!.onHand,
      product: { sku: 'SKU-000003' },
      location: { id: 'LOC-S0004' },
      stale: false,
    });
    expect(Date.parse(result.data._entities[1].stock.asOf)).toBeGreaterThanOrEqual(Date.parse(erpPosition!.updatedAt));
    expect(result.data._entities[1].stockLevels).toEqual({ totalCount: 10, nodes: [{ location: { id: 'LOC-D01' } }, { location: { id: 'LOC-D02' } }, { location: { id: 'LOC-D03' } }] });
    expect(result.data._entities[2]).toBeNull();
  });

  it('says which location is unknown when a product asks for its stock there', async () => {
    const result = await execute(h.subgraph, /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { stock(locationId: "LOC-NOPE") { onHand } } } }`, {
      reps: [{ __typename: 'Product', sku: 'SKU-000001' }],
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locationId' });
  });

  it("filters a product's stock levels by location kind, region and low stock, ordered by location", async () => {
    const query = /* GraphQL */ `query($reps: [_Any!]!, $filter: StockLevelFilter) { _entities(representations: $reps) { ... on Product { stockLevels(filter: $filter, first: 200) { totalCount nodes { available location { id type region } } } } } }`;
    const reps = [{ __typename: 'Product', sku: 'SKU-000005' }];
    const stores = await execute(h.subgraph, query, { reps, filter: { type: 'STORE' } });
    const storeIds = stores.data._entities[0].stockLevels.nodes.map((n: { location: { id: string } }) => n.location.id);
    expect(storeIds).toEqual(['LOC-S0001', 'LOC-S0002', 'LOC-S0003', 'LOC-S0004', 'LOC-S0005', 'LOC-S0006']);
    const midwest = await execute(h.subgraph, query, { reps, filter: { region: 'Midwest' } });
    expect(midwest.data._entities[0].stockLevels.nodes.every((n: { location: { region: string } }) => n.location.region === 'MIDWEST')).toBe(true);
    const all = await execute(h.subgraph, query, { reps, filter: null });
    const threshold = Math.max(...all.data._entities[0].stockLevels.nodes.map((n: { available: number }) => n.available));
    const low = await execute(h.subgraph, query, { reps, filter: { belowAvailable: threshold } });
    expect(low.data._entities[0].stockLevels.totalCount).toBe(all.data._entities[0].stockLevels.nodes.filter((n: { available: number }) => n.available < threshold).length);
  });


  it('batches stock for 50 products at one location, and their stock levels, into a bounded number of store queries', async () => {
    const reps = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Product', sku: `SKU-${String(i + 1).padStart(6, '0')}` }));
    // The outbox relay polls in the background; only the request's own queries count.
    const requestQueries = () => h.deps.queries.filter((q) => !q.query.sql.includes('outbox'));
    h.deps.queries.length = 0;
    const stock = await execute(h.subgraph, /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { sku stock(locationId: "LOC-S0003") { onHand location { id name region } } } } }`, { reps });
    expect(stock.errors).toBeUndefined();
    expect(stock.data._entities.filter((p: { stock: unknown }) => p.stock)).toHaveLength(50);
    // One location lookup, one stock batch: not one per product.
    expect(requestQueries().length).toBeLessThanOrEqual(3);

    h.deps.queries.length = 0;
    const levels = await execute(h.subgraph, /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { stockLevels(first: 5, filter: { type: STORE }) { totalCount nodes { onHand location { name } } } } } }`, { reps });
    expect(levels.errors).toBeUndefined();
    expect(levels.data._entities.every((p: { stockLevels: { nodes: unknown[]; totalCount: number } }) => p.stockLevels.nodes.length === 5 && p.stockLevels.totalCount === 6)).toBe(true);
    // One windowed page query, one count, one location batch.
    expect(requestQueries().length).toBeLessThanOrEqual(4);
  });

  it('answers a stock level\'s location { id } without reading the location, and reads it when more is asked', async () => {
    const locationReads = () => h.deps.queries.filter((q) => /from "location"/.test(q.query.sql)).length;
    const query = (selection: string) => /* GraphQL */ `{ stockLevels(filter: { skus: ["SKU-000001", "SKU-000002"] }, first: 50) { nodes { sku location { ${selection} } } } }`;
    h.deps.queries.length = 0;
    const ids = await execute(h.subgraph, query('id'));
    expect(ids.errors).toBeUndefined();
    expect(ids.data.stockLevels.nodes.length).toBeGreaterThan(2);
    expect(locationReads()).toBe(0);

    h.deps.queries.length = 0;
    const named = await execute(h.subgraph, query('id name'));
    expect(locationReads()).toBe(1);
    // The same locations either way, and a name for each.
    expect(named.data.stockLevels.nodes.map((n: { location: { id: string } }) => n.location.id)).toEqual(ids.data.stockLevels.nodes.map((n: { location: { id: string } }) => n.location.id));
    expect(named.data.stockLevels.nodes.every((n: { location: { name: string } }) => n.location.name.length > 0)).toBe(true);
  });
});
