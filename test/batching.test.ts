// No N+1 across the graph: a page of 50 products with price, stock and supplier costs one request per subgraph
// per plan level, and a bounded number of store queries in each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHubConfig, silentLogger, type ServiceName } from '@retail-hub/platform';
import { startHub, type RunningHub } from '../hub/src/start-hub.js';
import { ProgressReporter } from '../hub/src/progress-reporter.js';
import type { PricingSubgraph } from '../subgraphs/pricing/src/server.js';

const PAGE = /* GraphQL */ `{
  products(first: 50) {
    nodes {
      sku name category { name }
      price(channel: STORE, locationId: "LOC-S0001") { amount { centAmount } regular { centAmount } }
      stock(locationId: "LOC-S0001") { onHand available inbound }
      primarySupplier { supplier { id name } unitCost { centAmount } leadTimeDays }
    }
  }
}`;

/** The page's own trace: only store queries run inside it are the page's; background loops (relays, syncs, schedulers) are not. */
const TRACE_ID = '5b8efff798038103d269b633813fc60c';

describe('batching across the graph', () => {
  let hub: RunningHub;
  let dir: string;
  /** Store queries per service, run within the page's trace. */
  const queries = new Map<ServiceName, string[]>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-batching-'));
    const { config } = loadHubConfig(['--port', '0', '--subgraph-ports', '0', '--data-dir', dir, '--skus', '200', '--stores', '10'], {
      HUB_ERP_SYNC_INTERVAL_MS: '3600000',
    });
    const quiet = new ProgressReporter({ write: () => true, isTTY: false } as unknown as NodeJS.WriteStream);
    hub = await startHub(config, { progress: quiet, logger: silentLogger(), onQuery: (service, e) => {
        if (trace.getActiveSpan()?.spanContext().traceId === TRACE_ID) queries.set(service, [...(queries.get(service) ?? []), e.query.sql]);
      } });
    // Pricing loads its stock view through the graph once after start (requests to inventory that are not this page's).
    const pricing = hub.subgraphs.pricing!.instance as unknown as PricingSubgraph;
    while (!(await pricing.sync.stockView.done())) await new Promise((r) => setTimeout(r, 50));
  });

  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function graphqlRequestsPerSubgraph(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [name, s] of Object.entries(hub.subgraphs)) {
      const metric = await s!.metrics.registry.getSingleMetric('hub_http_requests_total')!.get();
      out[name] = metric.values.filter((v) => v.labels.route === '/graphql').reduce((sum, v) => sum + v.value, 0);
    }
    return out;
  }

  it('sends each subgraph at most one request per plan level, with bounded store queries', async () => {
    const before = await graphqlRequestsPerSubgraph();
    queries.clear();
    // A key: the page costs more than a caller without one may spend on one operation.
    const { key } = await hub.gateway!.instance!.keys!.create({ name: 'batching test', scopes: ['*:read'], maxCost: 5000, bucketCapacity: 5000 }, 'test');
    const response = await fetch(`${hub.gateway!.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` }, body: JSON.stringify({ query: PAGE }) });
    const body = (await response.json()) as { data: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.products.nodes).toHaveLength(50);
    expect(body.data.products.nodes.every((n: any) => n.price && n.stock && n.primarySupplier?.supplier)).toBe(true);

    const after = await graphqlRequestsPerSubgraph();
    const requests = Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - before[k]!]));
    // The plan: products (product) → entities of 50 products, in parallel (pricing, inventory, supplier).
    expect(requests).toEqual({ product: 1, pricing: 1, inventory: 1, supplier: 1, orders: 0 });

    for (const service of ['product', 'pricing', 'inventory', 'supplier'] as const) {
      const own = queries.get(service) ?? [];
      // At least one: the page's trace reached the service's store (else nothing here would be counted).
      expect(own.length, `${service} ran ${own.length} store queries:\n${own.join('\n')}`).toBeGreaterThan(0);
      expect(own.length, `${service} ran ${own.length} store queries:\n${own.join('\n')}`).toBeLessThanOrEqual(3);
    }
  });
});
