// The gateway in process against two fixture subgraphs on port 0: federation, signed claims, traces, timeouts, pooling, HTTP routes.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { silentLogger, startTracing, type RunningHttpServer } from '@retail-hub/platform';
import { createGateway, type GatewayInstance } from '../src/server.js';
import { serveGateway } from '../src/http/serve-gateway.js';
import { startFixtureSubgraph, type FixtureSubgraph } from './fixtures/fixture-subgraph.js';
import { writeFixtureSupergraph } from './fixtures/fixture-supergraph.js';

const SECRET = 'test-claims-secret';
// Generous, so a loaded CI machine does not time out the ordinary calls; the slow subgraph takes far longer.
const TIMEOUT_MS = 1_000;
const PRODUCTS_QUERY = /* GraphQL */ `{ products { sku name onHand } }`;

let catalog: FixtureSubgraph;
let stock: FixtureSubgraph;
let supergraphPath: string;
let gateway: RunningHttpServer;

async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function serve(options: Partial<Parameters<typeof createGateway>[0]> = {}): Promise<RunningHttpServer> {
  const instance = await createGateway({
    claimsSecret: SECRET,
    supergraphPath,
    subgraphUrls: { catalog: catalog.url, stock: stock.url },
    subgraphTimeoutMs: TIMEOUT_MS,
    logger: silentLogger(),
    anonymousScopes: ['catalog:read'],
    ...options,
  });
  return serveGateway(instance, { port: 0 });
}

beforeAll(async () => {
  // Registers the W3C propagator, as the gateway process does at start.
  startTracing('gateway-test');
  [catalog, stock] = await Promise.all([startFixtureSubgraph('catalog', SECRET), startFixtureSubgraph('stock', SECRET)]);
  supergraphPath = writeFixtureSupergraph([catalog, stock]);
  gateway = await serve({ anonymousScopes: ['catalog:read'] });
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([catalog?.close(), stock?.close()]);
});

describe('federated execution', () => {
  it('answers a query that needs both subgraphs', async () => {
    const { status, body } = await post(gateway.url, PRODUCTS_QUERY);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      data: {
        products: [
          { sku: 'SKU-1', name: 'Espresso beans', onHand: 12 },
          { sku: 'SKU-2', name: 'Milk frother', onHand: 0 },
        ],
      },
    });
  });

  it('calls the subgraphs at the overridden URLs, not the ones in the supergraph', async () => {
    const instance = await createGateway({ claimsSecret: SECRET, supergraphPath, subgraphUrls: { stock: stock.url }, logger: silentLogger() });
    expect(instance.subgraphUrls).toEqual({ catalog: 'http://catalog.invalid/graphql', stock: stock.url });
    await expect(createGateway({ claimsSecret: SECRET, supergraphPath, subgraphUrls: { stok: stock.url }, logger: silentLogger() })).rejects.toThrow(
      'no subgraph named "stok"',
    );
  });
});

describe('what subgraphs receive', () => {
  it('signed claims of the caller, which verify with the shared secret', async () => {
    const before = stock.received.length;
    await post(gateway.url, PRODUCTS_QUERY);
    const calls = [...catalog.received.slice(-1), ...stock.received.slice(before)];
    expect(calls.length).toBeGreaterThan(1);
    for (const { verified } of calls) {
      expect(verified).toEqual({ ok: true, claims: { sub: 'anonymous', kind: 'anonymous', scopes: ['catalog:read'] } });
    }
  });

  it('the claims the authenticate hook returns, and its refusal as a 401', async () => {
    const keyed = await serve({
      authenticate: (req) => {
        const key = req.headers['x-api-key'];
        if (key !== 'key-1') throw new GraphQLError('Unknown API key', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        return { sub: 'key-1', kind: 'key', scopes: ['product:read'], partner: { type: 'supplier', id: 'SUP-0007' } };
      },
    });
    try {
      const refused = await post(keyed.url, PRODUCTS_QUERY);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      const { body } = await post(keyed.url, PRODUCTS_QUERY, { 'x-api-key': 'key-1' });
      expect(body.errors).toBeUndefined();
      expect(catalog.received.at(-1)?.verified).toEqual({
        ok: true,
        claims: { sub: 'key-1', kind: 'key', scopes: ['product:read'], partner: { type: 'supplier', id: 'SUP-0007' } },
      });
    } finally {
      await keyed.close();
    }
  });

  it('a W3C traceparent, continuing the trace the client sent', async () => {
    await post(gateway.url, PRODUCTS_QUERY);
    expect(catalog.received.at(-1)?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);

    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await post(gateway.url, PRODUCTS_QUERY, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(catalog.received.at(-1)?.traceparent?.split('-')[1]).toBe(traceId);
    expect(stock.received.at(-1)?.traceparent?.split('-')[1]).toBe(traceId);
  });
});

describe('failures', () => {
  it('a subgraph slower than the timeout gives SUBGRAPH_TIMEOUT quickly', async () => {
    stock.delayMs = 20_000;
    const started = Date.now();
    try {
      const { body } = await post(gateway.url, PRODUCTS_QUERY);
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 3_000);
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_TIMEOUT', serviceName: 'stock' });
      expect(body.errors?.[0]?.message).toMatch(/stock service did not answer within 1000 ms/);
    } finally {
      stock.delayMs = 0;
    }
  });

  it('a subgraph that is down gives SUBGRAPH_UNAVAILABLE', async () => {
    const down = await serve({ subgraphUrls: { catalog: `http://127.0.0.1:${await closedPort()}/graphql`, stock: stock.url } });
    try {
      const { body } = await post(down.url, PRODUCTS_QUERY);
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'catalog' });
    } finally {
      await down.close();
    }
  });

  it('masks an unexpected subgraph error and never sends a stack trace', async () => {
    const { body } = await post(gateway.url, /* GraphQL */ `{ broken }`);
    const error = body.errors?.[0];
    expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(body)).not.toMatch(/hunter2|stacktrace/);
  });

  it('keeps the client error code of a bad query, without a stack trace', async () => {
    const { status, body } = await post(gateway.url, /* GraphQL */ `{ nope }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});

describe('connections to subgraphs', () => {
  it('are reused across sequential requests (keep-alive)', async () => {
    await post(gateway.url, PRODUCTS_QUERY); // warm: one pooled connection each
    const [catalogBefore, stockBefore] = [catalog.connections, stock.connections];
    for (let i = 0; i < 20; i++) {
      const { body } = await post(gateway.url, PRODUCTS_QUERY);
      expect(body.errors).toBeUndefined();
    }
    expect(catalog.connections - catalogBefore).toBeLessThanOrEqual(1);
    expect(stock.connections - stockBefore).toBeLessThanOrEqual(1);
  });
});

describe('HTTP routes', () => {
  it('/health, /ready and /metrics', async () => {
    expect(await (await fetch(`${gateway.url}/health`)).json()).toEqual({ status: 'ok', service: 'gateway' });
    const ready = await fetch(`${gateway.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', service: 'gateway' });

    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/hub_http_requests_total\{route="\/graphql",status="200",service="gateway"\} \d+/);
    expect(metrics).toMatch(/hub_gateway_subgraph_calls_total\{subgraph="stock",outcome="ok",service="gateway"\} \d+/);
    expect(metrics).toMatch(/hub_gateway_subgraph_calls_total\{subgraph="stock",outcome="timeout",service="gateway"\} [1-9]/);
    expect(metrics).toMatch(/hub_graphql_errors_total\{code="SUBGRAPH_TIMEOUT",service="gateway"\} [1-9]/);
  });

  it('is not ready before the supergraph is loaded', async () => {
    const instance: GatewayInstance = await createGateway({ claimsSecret: SECRET, supergraphPath, logger: silentLogger() });
    expect(instance.ready()).toBe(false);
    await instance.start();
    expect(instance.ready()).toBe(true);
    await instance.stop();
    expect(instance.ready()).toBe(false);
  });

  it('serves GET queries only with a CSRF preflight header', async () => {
    const url = `${gateway.url}/graphql?query=${encodeURIComponent('{ products { sku } }')}`;
    expect((await fetch(url)).status).toBe(400);
    const allowed = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ data: { products: [{ sku: 'SKU-1' }, { sku: 'SKU-2' }] } });
  });

  it('sends a browser that opens /graphql to the explorer', async () => {
    const response = await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/explorer');
  });

  it('serves the explorer and all of its assets locally', async () => {
    const page = await fetch(`${gateway.url}/explorer`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('query RootFields');

    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((url) => !url.startsWith('data:'));
    expect(assets).toHaveLength(5);
    for (const asset of assets) {
      expect(asset.startsWith('/explorer/assets/')).toBe(true);
      const response = await fetch(`${gateway.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /text\/css/ : /text\/javascript/);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    expect((await fetch(`${gateway.url}/explorer/assets/../../package.json`)).status).toBe(404);
  });
});
