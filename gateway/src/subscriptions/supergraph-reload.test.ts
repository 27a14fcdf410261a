// A supergraph reload closes open subscriptions with 1012 (service restart), so clients reconnect against the new graph.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_SCOPES, createServiceMetrics, listen, silentLogger, type RunningHttpServer } from '@retail-hub/platform';
import { subscriptionTestClient } from '@retail-hub/platform/testing/subscription-test-client';
import { DEFAULT_SUPERGRAPH_PATH } from '../default-paths.js';
import { supergraphForGateway } from '../supergraph/gateway-supergraph.js';
import { attachGatewaySubscriptions, type SubscriptionGateway } from './gateway-subscription-server.js';

type LoadListener = (update: { coreSupergraphSdl: string }) => void;

describe('a supergraph reload', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('refuses subscriptions until a supergraph is loaded, and closes open ones with 1012 when a different one is', async () => {
    const supergraph = supergraphForGateway(readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8'));
    let load: LoadListener = () => undefined;
    // The one part of ApolloGateway the server follows: its supergraph loads. Subgraphs are not needed here.
    const gateway: SubscriptionGateway = {
      logger: silentLogger(),
      metrics: createServiceMetrics('gateway-test'),
      subgraphUrls: { inventory: 'http://127.0.0.1:9/graphql' },
      createContext: async () => ({ claims: ALL_SCOPES }),
      federation: {
        gateway: { onSchemaLoadOrUpdate: (listener: LoadListener) => ((load = listener), () => undefined) } as never,
        dataSource: () => undefined,
        signClaims: () => ({}),
      },
    };
    const server = createServer();
    const subscriptions = attachGatewaySubscriptions({ server, gateway });
    const http: RunningHttpServer = await listen(server, 0);
    cleanups.push(() => http.close(), () => subscriptions.close());

    const client = subscriptionTestClient(`${http.url.replace('http', 'ws')}/graphql`);
    cleanups.push(() => client.dispose());
    const early = client.subscribe(/* GraphQL */ `subscription { stockChanged { id } }`);
    await early.ended();
    expect(early.errors?.[0]).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });

    load({ coreSupergraphSdl: supergraph });
    const open = client.subscribe(/* GraphQL */ `subscription { stockChanged { id sku } }`);
    await new Promise((r) => setTimeout(r, 200));
    expect(open.errors).toBeNull();
    // The same supergraph again (a poll that found nothing new) changes nothing.
    load({ coreSupergraphSdl: supergraph });
    await new Promise((r) => setTimeout(r, 100));
    expect(open.errors).toBeNull();

    load({ coreSupergraphSdl: `${supergraph}\n# recomposed\n` });
    expect(await client.closed).toMatchObject({ code: 1012, reason: expect.stringMatching(/new supergraph/) });
  });
});
