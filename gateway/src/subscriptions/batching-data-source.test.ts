// Batched entity calls: concurrent executions share one subgraph call, and each gets back exactly its own entities and errors.
import { describe, expect, it } from 'vitest';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from '../gateway-context.js';
import { BatchingDataSource } from './batching-data-source.js';

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

/** A subgraph that answers _entities by echoing each representation's sku, with an error for SKU-BAD. */
function recordingSubgraph() {
  const calls: unknown[][] = [];
  const source: GraphQLDataSource<GatewayContext> = {
    async process(options) {
      const representations = (options.request.variables?.representations ?? []) as { sku: string }[];
      calls.push(representations.map((r) => r.sku));
      const bad = representations.findIndex((r) => r.sku === 'SKU-BAD');
      return {
        data: { _entities: representations.map((r) => (r.sku === 'SKU-BAD' ? null : { name: `name of ${r.sku}` })) },
        errors: bad >= 0 ? [{ message: 'no such product', path: ['_entities', bad, 'name'] }] : undefined,
      } as never;
    },
  };
  return { source, calls };
}

const claims = { sub: 'x', kind: 'key' as const, scopes: ['*'] };
const call = (batching: BatchingDataSource, skus: string[], context: GatewayContext = { claims }, locale = 'en') =>
  batching.process({
    // GraphQLDataSourceRequestKind.INCOMING_OPERATION (a CommonJS enum that ESM named imports do not see).
    kind: 'incoming operation',
    request: { query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Product{name}}}', variables: { representations: skus.map((sku) => ({ __typename: 'Product', sku })), locale } },
    incomingRequestContext: {} as never,
    context,
  } as Options);

describe('BatchingDataSource', () => {
  it('merges calls made together into one, and gives each caller its own entities', async () => {
    const subgraph = recordingSubgraph();
    const batching = new BatchingDataSource(subgraph.source, 2);
    const [a, b, c] = await Promise.all([call(batching, ['SKU-1']), call(batching, ['SKU-2', 'SKU-3']), call(batching, ['SKU-4'])]);
    expect(subgraph.calls).toEqual([['SKU-1', 'SKU-2', 'SKU-3', 'SKU-4']]);
    expect(a.data).toEqual({ _entities: [{ name: 'name of SKU-1' }] });
    expect(b.data).toEqual({ _entities: [{ name: 'name of SKU-2' }, { name: 'name of SKU-3' }] });
    expect(c.data).toEqual({ _entities: [{ name: 'name of SKU-4' }] });
  });

  it('rebases an entity error onto the caller it belongs to, and no one else', async () => {
    const batching = new BatchingDataSource(recordingSubgraph().source, 2);
    const [good, bad] = await Promise.all([call(batching, ['SKU-1']), call(batching, ['SKU-2', 'SKU-BAD'])]);
    expect(good.errors).toBeUndefined();
    expect(bad.errors).toEqual([{ message: 'no such product', path: ['_entities', 1, 'name'] }]);
  });

  it('keeps apart calls with other variables or another caller', async () => {
    const subgraph = recordingSubgraph();
    const batching = new BatchingDataSource(subgraph.source, 2);
    await Promise.all([call(batching, ['SKU-1']), call(batching, ['SKU-2'], { claims }, 'fr'), call(batching, ['SKU-3'], { claims: { ...claims } })]);
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
    expect(subgraph.calls).toEqual([['SKU-1'], ['SKU-2', 'SKU-3']]);
  });
});
