// The product subgraph in process, against the real embedded ERP, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestStore, execute, TEST_DIALECTS, testSubgraphDeps, type TestStore } from '@retail-hub/platform';
import { openTestErp, type TestErp } from '@retail-hub/erp';
import { createProductSubgraph, type ProductSubgraph } from '../src/server.js';

describe.each(TEST_DIALECTS)('product subgraph on %s', (dialect) => {
  let erp: TestErp;
  let store: TestStore;
  let subgraph: ProductSubgraph;

  beforeAll(async () => {
    erp = await openTestErp({ skus: 120 });
    store = await createTestStore(dialect, 'product');
    subgraph = await createProductSubgraph({ ...testSubgraphDeps(store.config), erp: { itemMaster: erp.ports.itemMaster } });
    await subgraph.start();
  });

  afterAll(async () => {
    await subgraph?.stop();
    await store?.drop();
    await erp?.close();
  });

  it('answers product(sku) with what the ERP item master says', async () => {
    const [item] = await erp.erp.ports.itemMaster.getItems(['SKU-000007']);
    const result = await execute(subgraph, /* GraphQL */ `{ product(sku: "SKU-000007") { sku name brand gtin promotable status standardCost { centAmount currency } category { id name } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.product).toMatchObject({
      sku: 'SKU-000007',
      name: item!.name,
      brand: item!.brand,
      gtin: item!.gtin,
      promotable: item!.promotable,
      standardCost: { centAmount: item!.costCentAmount, currency: 'USD' },
      category: { id: item!.categoryId },
    });
  });

  it('says which SKU is unknown', async () => {
    const result = await execute(subgraph, /* GraphQL */ `{ product(sku: "SKU-999999") { sku } }`);
    expect(result.data?.product).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'sku' });
  });

  it('pages through every product exactly once with cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 10; page++) {
      const result: any = await execute(subgraph, /* GraphQL */ `query($after: String) { products(first: 50, after: $after) { totalCount nodes { sku } edges { cursor } pageInfo { hasNextPage endCursor } } }`, { after });
      expect(result.errors).toBeUndefined();
      const connection = result.data.products;
      total = connection.totalCount;
      seen.push(...connection.nodes.map((n: { sku: string }) => n.sku));
      expect(connection.edges.at(-1)?.cursor).toBe(connection.pageInfo.endCursor);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(total).toBe(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toEqual([...seen].sort());
  });

  it('filters by department (with its child categories), brand, words and status', async () => {
    const categories = await execute(subgraph, /* GraphQL */ `{ categories { id name parent { id } } }`);
    const child = categories.data.categories.find((c: { parent: unknown }) => c.parent);
    const byChild = await execute(subgraph, /* GraphQL */ `query($id: ID!) { products(filter: { categoryId: $id }, first: 200) { totalCount nodes { sku category { id } } } }`, { id: child.id });
    expect(byChild.data.products.nodes.every((p: { category: { id: string } }) => p.category.id === child.id)).toBe(true);
    const byDepartment = await execute(subgraph, /* GraphQL */ `query($id: ID!) { products(filter: { categoryId: $id }, first: 200) { totalCount } }`, { id: child.parent.id });
    expect(byDepartment.data.products.totalCount).toBeGreaterThanOrEqual(byChild.data.products.totalCount);

    const one = await execute(subgraph, /* GraphQL */ `{ product(sku: "SKU-000010") { name brand } }`);
    const word = one.data.product.name.split(' ').find((w: string) => w.length > 3) ?? one.data.product.name.split(' ')[0];
    const bySearch = await execute(subgraph, /* GraphQL */ `query($q: String!) { products(filter: { search: $q }, first: 200) { nodes { sku name brand } } }`, { q: word.toUpperCase() });
    expect(bySearch.data.products.nodes.map((p: { sku: string }) => p.sku)).toContain('SKU-000010');
    const byBrand = await execute(subgraph, /* GraphQL */ `query($b: String!) { products(filter: { brand: $b }, first: 200) { nodes { brand } } }`, { b: one.data.product.brand.toLowerCase() });
    expect(byBrand.data.products.nodes.length).toBeGreaterThan(0);
    expect(byBrand.data.products.nodes.every((p: { brand: string }) => p.brand === one.data.product.brand)).toBe(true);
    const active = await execute(subgraph, /* GraphQL */ `{ products(filter: { status: ACTIVE }, first: 200) { nodes { status } } }`);
    expect(active.data.products.nodes.every((p: { status: string }) => p.status === 'ACTIVE')).toBe(true);
  });

  it('rejects a malformed cursor, a bad page size and an unknown category, naming the argument', async () => {
    const badCursor = await execute(subgraph, /* GraphQL */ `{ products(after: "not-a-cursor") { totalCount } }`);
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const badFirst = await execute(subgraph, /* GraphQL */ `{ products(first: 0) { totalCount } }`);
    expect(badFirst.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCategory = await execute(subgraph, /* GraphQL */ `{ products(filter: { categoryId: "CAT-NOPE" }) { totalCount } }`);
    expect(badCategory.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.categoryId' });
  });

  it('resolves Product and Category entity references (_entities), null for unknown ones', async () => {
    const result = await execute(
      subgraph,
      /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { sku name } ... on Category { id name } } }`,
      { reps: [{ __typename: 'Product', sku: 'SKU-000003' }, { __typename: 'Category', id: 'CAT-001' }, { __typename: 'Product', sku: 'SKU-NOPE' }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0]).toMatchObject({ sku: 'SKU-000003' });
    expect(result.data._entities[1]).toMatchObject({ id: 'CAT-001' });
    expect(result.data._entities[2]).toBeNull();
  });

  it('batches a page of products with their categories into a bounded number of store queries', async () => {
    const deps = testSubgraphDeps(store.config);
    const counted = await createProductSubgraph({ ...deps, erp: { itemMaster: erp.ports.itemMaster } });
    await counted.start();
    try {
      deps.queries.length = 0;
      const result = await execute(counted, /* GraphQL */ `{ products(first: 100) { nodes { sku category { name parent { name } } } } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data.products.nodes).toHaveLength(100);
      // One page query, one category batch, one parent batch: not one per product.
      expect(deps.queries.length).toBeLessThanOrEqual(4);
    } finally {
      await counted.stop();
    }
  });

  it('picks up an item changed in the ERP on the next sync', async () => {
    await sql`UPDATE item SET name = 'Renamed In ERP', seq = (SELECT value + 1 FROM change_counter) WHERE item_no = (SELECT erp_id FROM xref WHERE entity = 'item' AND hub_id = 'SKU-000005')`.execute(erp.erp.db);
    await sql`UPDATE change_counter SET value = value + 1`.execute(erp.erp.db);
    await subgraph.sync.syncNow();
    const result = await execute(subgraph, /* GraphQL */ `{ product(sku: "SKU-000005") { name } }`);
    expect(result.data.product.name).toBe('Renamed In ERP');
  });
});
