// Batched entity calls: concurrent executions share one subgraph call, and each gets back exactly its own entities and errors.
import { describe, expect, it } from 'vitest';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import type { GatewayContext } from '../gateway-context.js';
import { BatchingDataSource } from './batching-data-source.js';

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

/**
 * A real subgraph schema run in-process: Product entities by sku, a name (an error for SKU-BAD) and a price per
 * store. Records each call's query and the skus each of its `_entities` fields resolved.
 */
function recordingSubgraph() {
  const schema = buildSubgraphSchema({
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Product @key(fields: "sku") { sku: ID! name: String price(store: ID!): Int }
      type Query { ping: Int }`),
    resolvers: {
      Product: {
        __resolveReference: (ref: { sku: string }) => ({ sku: ref.sku }),
        name: (p: { sku: string }) => {
          if (p.sku === 'SKU-BAD') throw new Error('no such product');
          return `name of ${p.sku}`;
        },
        price: (p: { sku: string }, args: { store: string }) => Number(p.sku.replace(/\D/g, '')) * 100 + Number(args.store),
      },
    } as never,
  });
  const calls: { query: string; skus: string[] }[] = [];
  const source: GraphQLDataSource<GatewayContext> = {
    async process(options) {
      const { query, variables = {} } = options.request;
      const skus = Object.entries(variables)
        .filter(([name]) => name.startsWith('representations'))
        .flatMap(([, reps]) => (reps as { sku: string }[]).map((r) => r.sku));
      calls.push({ query: query!, skus });
      const result = await execute({ schema, document: parse(query!), variableValues: variables });
      return JSON.parse(JSON.stringify(result)) as never;
    },
  };
  return { source, calls };
}

const claims = { sub: 'x', kind: 'key' as const, scopes: ['*'] };
const NAMES = 'query Names($representations:[_Any!]!){_entities(representations:$representations){...on Product{name}}}';
const PRICES = 'query Prices($representations:[_Any!]!,$store:ID!){_entities(representations:$representations){...on Product{price(store:$store)}}}';

const call = (batching: BatchingDataSource, skus: string[], options: { context?: GatewayContext; query?: string; variables?: Record<string, unknown>; typename?: string } = {}) =>
  batching.process({
    // GraphQLDataSourceRequestKind.INCOMING_OPERATION (a CommonJS enum that ESM named imports do not see).
    kind: 'incoming operation',
    request: { query: options.query ?? NAMES, variables: { representations: skus.map((sku) => ({ __typename: options.typename ?? 'Product', sku })), ...options.variables } },
    incomingRequestContext: {} as never,
    context: options.context ?? { claims },
  } as Options);

const price = (batching: BatchingDataSource, skus: string[], store: string) => call(batching, skus, { query: PRICES, variables: { store } });

describe('BatchingDataSource', () => {
  it('merges calls made together into one, and gives each caller its own entities', async () => {
    const subgraph = recordingSubgraph();
    const batching = new BatchingDataSource(subgraph.source, 2);
    const [a, b, c] = await Promise.all([call(batching, ['SKU-1']), call(batching, ['SKU-2', 'SKU-3']), call(batching, ['SKU-4'])]);
    expect(subgraph.calls.map((c) => c.skus)).toEqual([['SKU-1', 'SKU-2', 'SKU-3', 'SKU-4']]);
    expect(a.data).toEqual({ _entities: [{ name: 'name of SKU-1' }] });
    expect(b.data).toEqual({ _entities: [{ name: 'name of SKU-2' }, { name: 'name of SKU-3' }] });
    expect(c.data).toEqual({ _entities: [{ name: 'name of SKU-4' }] });
  });

  it('rebases an entity error onto the caller it belongs to, and no one else', async () => {
    const batching = new BatchingDataSource(recordingSubgraph().source, 2);
    const [good, bad] = await Promise.all([call(batching, ['SKU-1']), call(batching, ['SKU-2', 'SKU-BAD'])]);
    expect(good.errors).toBeUndefined();
    expect(bad.errors).toMatchObject([{ message: 'no such product', path: ['_entities', 1, 'name'] }]);
    expect(bad.data).toEqual({ _entities: [{ name: 'name of SKU-2' }, { name: null }] });
  });

  it('sends calls whose other variables differ as copies of the fetch in one request, each answered with its own variables', async () => {
    const subgraph = recordingSubgraph();
    const batching = new BatchingDataSource(subgraph.source, 2);
    const [store7, store8, store7again] = await Promise.all([price(batching, ['SKU-1', 'SKU-2'], '7'), price(batching, ['SKU-1'], '8'), price(batching, ['SKU-3'], '7')]);
    expect(subgraph.calls).toHaveLength(1);
    expect(subgraph.calls[0]!.skus).toEqual(['SKU-1', 'SKU-2', 'SKU-3', 'SKU-1']);
    expect(store7.data).toEqual({ _entities: [{ price: 107 }, { price: 207 }] });
    expect(store8.data).toEqual({ _entities: [{ price: 108 }] });
    expect(store7again.data).toEqual({ _entities: [{ price: 307 }] });
  });

  it('gives an error in one copy of a merged call to that copy only, with its path as if sent alone', async () => {
    const subgraph = recordingSubgraph();
    const batching = new BatchingDataSource(subgraph.source, 2);
    const query = 'query($representations:[_Any!]!,$store:ID!){_entities(representations:$representations){...on Product{name price(store:$store)}}}';
    const [good, bad] = await Promise.all([call(batching, ['SKU-1'], { query, variables: { store: '1' } }), call(batching, ['SKU-4', 'SKU-BAD'], { query, variables: { store: '2' } })]);
    expect(subgraph.calls).toHaveLength(1);
    expect(good).toEqual({ data: { _entities: [{ name: 'name of SKU-1', price: 101 }] } });
    expect(bad.errors).toMatchObject([{ message: 'no such product', path: ['_entities', 1, 'name'] }]);
    expect(bad.data).toEqual({ _entities: [{ name: 'name of SKU-4', price: 402 }, { name: null, price: 2 }] });
  });

  it('sends each copy again on its own when one copy nulls the whole merged answer', async () => {
    const subgraph = recordingSubgraph();
    const batching = new BatchingDataSource(subgraph.source, 2);
    // A representation of a type the subgraph does not know (a deploy in progress) fails that copy's _entities
    // field, and with it the whole answer: the other store must still get its price.
    const [store7, unknownType] = await Promise.all([price(batching, ['SKU-1'], '7'), call(batching, ['SKU-2'], { query: PRICES, variables: { store: '8' }, typename: 'Gone' })]);
    expect(subgraph.calls).toHaveLength(3);
    expect(store7).toEqual({ data: { _entities: [{ price: 107 }] } });
    expect(unknownType.data).toBeNull();
    expect(unknownType.errors?.length).toBeGreaterThan(0);
  });

  it('does not merge fetches with operation directives, nor more copies than keep a request small', async () => {
    const subgraph = recordingSubgraph();
    const batching = new BatchingDataSource(subgraph.source, 2);
    const directed = 'query($representations:[_Any!]!,$store:ID!) @audit(tag:$store) {_entities(representations:$representations){...on Product{price(store:$store)}}}';
    const [a, b] = await Promise.all([call(batching, ['SKU-1'], { query: directed, variables: { store: '1' } }), call(batching, ['SKU-1'], { query: directed, variables: { store: '2' } })]);
    expect(subgraph.calls).toHaveLength(2);
    expect([a.data, b.data]).toEqual([{ _entities: [{ price: 101 }] }, { _entities: [{ price: 102 }] }]);

    const large = PRICES.replace('price(store:$store)', `price(store:$store) ${Array.from({ length: 3_000 }, (_, i) => `t${i}:__typename`).join(' ')}`);
    await Promise.all(['1', '2', '3'].map((store) => call(batching, ['SKU-1'], { query: large, variables: { store } })));
    expect(subgraph.calls).toHaveLength(5);
  });

  it('keeps apart calls of another caller or another operation', async () => {
    const subgraph = recordingSubgraph();
    const batching = new BatchingDataSource(subgraph.source, 2);
    await Promise.all([call(batching, ['SKU-1']), call(batching, ['SKU-2'], { context: { claims: { ...claims } } }), price(batching, ['SKU-3'], '1')]);
    expect(subgraph.calls).toHaveLength(3);
  });

  it('under load, lets calls wait for a free slot and leave together', async () => {
    const subgraph = recordingSubgraph();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: GraphQLDataSource<GatewayContext> = { process: async (o) => (await gate, subgraph.source.process(o)) };
    const batching = new BatchingDataSource(slow, 1);
    const first = call(batching, ['SKU-1']);
    await new Promise((r) => setImmediate(r));
    const later = [call(batching, ['SKU-2']), call(batching, ['SKU-3'])];
    release();
    await Promise.all([first, ...later]);
    expect(subgraph.calls.map((c) => c.skus)).toEqual([['SKU-1'], ['SKU-2', 'SKU-3']]);
  });
});
