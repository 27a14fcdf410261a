// One trace follows a request from the gateway through a subgraph to the ERP port and across the bus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSpanRecorder, loadHubConfig, silentLogger, startTracing, type EventEnvelope } from '@retail-hub/platform';
import { startHub, type RunningHub } from '../hub/src/start-hub.js';
import { ProgressReporter } from '../hub/src/progress-reporter.js';

describe('tracing', () => {
  const { exporter, processor } = createSpanRecorder();
  let hub: RunningHub;
  let dir: string;

  beforeAll(async () => {
    startTracing('retail-hub', {}, [processor]);
    dir = mkdtempSync(join(tmpdir(), 'hub-tracing-'));
    const { config } = loadHubConfig(['--port', '0', '--subgraph-ports', '0', '--data-dir', dir, '--skus', '50', '--stores', '4'], {});
    hub = await startHub(config, { progress: new ProgressReporter({ write: () => true, isTTY: false } as unknown as NodeJS.WriteStream), logger: silentLogger() });
  });

  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries the client trace id through gateway, subgraph, ERP port and the event envelope', async () => {
    const events: EventEnvelope[] = [];
    await hub.bus.subscribe({ consumer: 'trace-probe', types: ['inventory.stock.changed.v1'], ephemeral: true, handler: async ({ event }) => void events.push(event) });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    exporter.reset();
    // Writes need a key with the scope (mutations are @authenticated).
    const { key } = await hub.gateway!.instance!.keys!.create({ name: 'tracing test', scopes: ['inventory:*'] }, 'test');
    const response = await fetch(`${hub.gateway!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01`, authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: /* GraphQL */ `mutation { adjustStock(input: { sku: "SKU-000001", locationId: "LOC-S0001", delta: 3, reason: COUNT }) { stockLevel { onHand } errors { code } } }` }),
    });
    const body = (await response.json()) as { errors?: unknown };
    expect(body.errors).toBeUndefined();
    for (let i = 0; i < 50 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 20));

    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const names = spans.map((s) => s.name);
    expect(names).toContain('POST /graphql');
    expect(names.some((n) => /erp\.stockLedger\.postAdjustments/.test(n))).toBe(true);
    expect(spans.filter((s) => s.name === 'POST /graphql').length).toBeGreaterThanOrEqual(2); // gateway and inventory
    expect(events).toHaveLength(1);
    expect(events[0]!.traceparent).toMatch(new RegExp(`^00-${traceId}-`));
  });
});
