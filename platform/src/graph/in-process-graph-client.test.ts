import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Claims } from '../claims/claims.js';
import type { AnySubgraphInstance } from '../subgraph/subgraph-instance.js';
import { GraphRequestError } from './graph-client.js';
import { createInProcessGraphClient } from './in-process-graph-client.js';

const WHO = 'query Who($greeting: String!) { caller(greeting: $greeting) }';

/** A subgraph whose operation texts (the persisted-query cache) the test can drop, and that records what it was sent. */
function testSubgraph() {
  const cache = new Map<string, string>();
  const sent: { withText: boolean }[] = [];
  const recorder: ApolloServerPlugin = {
    async requestDidStart({ request }) {
      sent.push({ withText: request.query !== undefined });
    },
  };
  const apollo = new ApolloServer<{ claims: Claims }>({
    schema: buildSubgraphSchema({
      typeDefs: parse(`type Query { caller(greeting: String!): String! refuse: String }`),
      resolvers: {
        Query: {
          caller: (_: unknown, { greeting }: { greeting: string }, context: unknown) => `${greeting}, ${(context as { claims: Claims }).claims.sub}`,
          refuse: () => {
            throw new Error('no');
          },
        },
      },
    }),
    persistedQueries: {
      cache: {
        get: async (key) => cache.get(key),
        set: async (key, value) => void cache.set(key, value),
        delete: async (key) => cache.delete(key),
      },
    },
    plugins: [recorder],
  });
  const instance: AnySubgraphInstance = { name: 'test', apollo, createContext: (claims) => ({ claims }), start: () => apollo.start(), ready: () => true, stop: () => apollo.stop() };
  return { instance, cache, sent };
}

describe('the in-process graph client', () => {
  let subgraph: ReturnType<typeof testSubgraph>;

  beforeEach(async () => {
    subgraph = testSubgraph();
    await subgraph.instance.start();
    return () => subgraph.instance.stop();
  });

  it('calls with the service credential and sends an operation text only the first time', async () => {
    const client = createInProcessGraphClient(subgraph.instance, 'orders');

    expect(await client.request(WHO, { greeting: 'hello' })).toEqual({ caller: 'hello, service:orders' });
    expect(await client.request(WHO, { greeting: 'again' })).toEqual({ caller: 'again, service:orders' });

    expect(subgraph.sent).toEqual([{ withText: true }, { withText: false }]);
  });

  it('sends the text again when the subgraph has dropped it', async () => {
    const client = createInProcessGraphClient(subgraph.instance, 'orders');
    await client.request(WHO, { greeting: 'hello' });
    subgraph.cache.clear();

    expect(await client.request(WHO, { greeting: 'back' })).toEqual({ caller: 'back, service:orders' });
    expect(subgraph.sent).toEqual([{ withText: true }, { withText: false }, { withText: true }]);
  });

  it('rejects with the errors the subgraph answered', async () => {
    const client = createInProcessGraphClient(subgraph.instance, 'orders');

    const failure = await client.request('{ refuse }').catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(GraphRequestError);
    expect((failure as GraphRequestError).errors[0]?.path).toEqual(['refuse']);
  });
});
