// Benchmark: placeOrder through the gateway of the embedded hub, 50 concurrent clients, 1-5 lines: ERP healthy, ERP down, one hot SKU,
// and the same load with placement's calls going through the gateway (the baseline of docs/decisions/0005).
// Each ERP phase runs at saturation (every client sends its next order as soon as the last is answered) and at a fixed
// offered rate (--rate orders/s spread over the same clients), which is where a latency target is read. --rate takes a
// list (--rate 150,200,250) to find the highest rate that still meets it.
// Run: npx tsx bench/place-order.bench.ts [--seconds 20] [--clients 50] [--rate 300] [--skus 1000] [--stores 50] [--split] [--healthy-only]
// --split adds a phase with the gateway in a process of its own (the distributed mode's shape on one machine).
// --healthy-only runs the ERP-healthy phases alone: a quick check while working on placement's cost. --rate 0 leaves out the
// fixed-rate phases.
// BENCH_CPU_PROFILE=DIR writes a CPU profile of each hub process there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, fetch, request } from 'undici';
import { cpuSeconds, waitUntilQuiet } from './support/process-cpu.js';
import { startServices, subgraphUrlArgs, type ServiceProcess } from './support/service-process.js';
import { percentile } from './support/stats.js';
import { SERVICE_NAMES } from '@retail-hub/platform';
import { freePortRun } from '@retail-hub/platform/testing/free-ports';

// The retailer's size changes how long the hub takes to start (first sync), hardly what a placement costs (indexed lookups).
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '20' }, clients: { type: 'string', default: '50' }, rate: { type: 'string', default: '300' }, skus: { type: 'string', default: '1000' }, stores: { type: 'string', default: '50' }, split: { type: 'boolean', default: false }, 'healthy-only': { type: 'boolean', default: false } } });
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
/** Offered rates of the fixed-rate phases, orders/s; 0 leaves them out. */
const RATES = values.rate!.split(',').map((text) => {
  const rate = Number(text);
  if (text.trim() === '' || !Number.isFinite(rate) || rate < 0) throw new Error(`--rate: expected orders per second (a number, 0 for none, or a list such as 150,200); got "${text}"`);
  return rate;
}).filter((rate) => rate > 0);
const SKUS = Number(values.skus);
const STORES = Number(values.stores);
const KEY = `rh_live_benchorders2_${'b'.repeat(43)}`;
const PLACE = /* GraphQL */ `mutation($key: String!, $input: PlaceOrderInput!) { placeOrder(idempotencyKey: $key, input: $input) { order { id status } errors { code } } }`;

interface Hub {
  url: string;
  /** The processes whose CPU a placement costs. */
  pids: number[];
  stop(): Promise<void>;
}

interface PhaseResult {
  name: string;
  /** The fixed rate the phase offered, orders/s; none at saturation. */
  offered?: number;
  orders: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  cpuMsPerOrder: number;
  /** This bench process's own CPU per order: the load generator shares the machine's two cores with the hub. */
  clientCpuMsPerOrder: number;
  outcomes: Record<string, number>;
}

const agent = new Agent({ connections: CLIENTS, headersTimeout: 120_000, bodyTimeout: 120_000 });

function profileArgs(): string[] {
  const dir = process.env.BENCH_CPU_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

async function startHub(env: Record<string, string>): Promise<Hub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-orders-'));
  const service = await startServices(['--port', '0', '--subgraph-ports', '0', '--data-dir', dataDir, '--skus', String(SKUS), '--stores', String(STORES)], { HUB_BOOTSTRAP_ADMIN_KEY: KEY, ...env }, profileArgs());
  const url = /GraphQL endpoint:\s+(http:\/\/\S+\/graphql)/.exec(service.output())![1]!.replace('localhost', '127.0.0.1');
  return { url, pids: [service.child.pid!], stop: () => stopAll([service], dataDir) };
}

/** The five services in one process, the gateway in another (each with its own event loop). */
async function startSplitHub(): Promise<Hub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-orders-'));
  const subgraphPorts = await freePortRun(SERVICE_NAMES.length);
  const gatewayPort = await freePortRun(1);
  const services = await startServices(['--services', SERVICE_NAMES.join(','), '--data-dir', dataDir, '--skus', String(SKUS), '--stores', String(STORES), '--subgraph-ports', String(subgraphPorts)], { HUB_GRAPH_URL: `http://127.0.0.1:${gatewayPort}/graphql` }, profileArgs());
  const gateway = await startServices(['--services', 'gateway', '--port', String(gatewayPort), '--data-dir', dataDir, ...subgraphUrlArgs(subgraphPorts)], { HUB_BOOTSTRAP_ADMIN_KEY: KEY }, profileArgs()).catch(async (error) => {
    await stopAll([services], dataDir);
    throw error;
  });
  return { url: `http://127.0.0.1:${gatewayPort}/graphql`, pids: [services.child.pid!, gateway.child.pid!], stop: () => stopAll([gateway, services], dataDir) };
}

async function stopAll(processes: ServiceProcess[], dataDir: string): Promise<void> {
  for (const process of processes) await process.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * undici's `request`, not its WHATWG `fetch`: the load generator shares the machine's two cores with the hub, and
 * `fetch` (Request, Response and Headers objects, a web stream per body) cost it about twice the CPU per order.
 */
async function gql(hub: Hub, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await request(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify({ query, variables }), dispatcher: agent });
  return response.body.json();
}

/** A small deterministic generator, so every run places the same orders. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Store and ecommerce orders, half each, 1 to 5 lines of random SKUs, one unit each. */
function randomOrder(random: () => number): Record<string, unknown> {
  const lines = Array.from({ length: 1 + Math.floor(random() * 5) }, () => ({ sku: `SKU-${pad(1 + Math.floor(random() * SKUS), 6)}`, quantity: 1 }));
  const store = `LOC-S${pad(1 + Math.floor(random() * STORES), 4)}`;
  const channel = random() < 0.5 ? 'STORE' : 'ECOMMERCE';
  return { channel, locationId: store, customerRef: `BENCH-${Math.floor(random() * 1e6)}`, lines, payment: { method: 'CARD', authorizationRef: 'bench-auth' } };
}

type OrderMaker = (random: () => number) => Record<string, unknown>;
/** Sends one order for a client; `record` takes the time the order's latency counts from. */
type ClientLoop = (place: () => Promise<void>, record: (since: number) => void) => Promise<void>;

/** Saturation: each client sends its next order as soon as the last is answered, so the hub's queue is always full. */
function phase(hub: Hub, name: string, seconds: number, order: OrderMaker): Promise<PhaseResult> {
  const deadline = performance.now() + seconds * 1000;
  return run(hub, name, order, async (place, record) => {
    while (performance.now() < deadline) {
      const t = performance.now();
      await place();
      record(t);
    }
  });
}

/**
 * A fixed offered rate: order i is due at start + i / rate, and the first free client sends it then. Its latency is
 * counted from when it was due, not from when a client got to it, so a hub that falls behind is charged for the wait
 * (no coordinated omission: unlike the saturation phase's, these clients do not slow down to the hub's pace).
 */
async function ratePhase(hub: Hub, name: string, seconds: number, rate: number, order: OrderMaker): Promise<PhaseResult> {
  const total = Math.floor(seconds * rate);
  const start = performance.now() + 10;
  let next = 0;
  const result = await run(hub, `${name}, ${rate} orders/s offered`, order, async (place, record) => {
    for (let i = next++; i < total; i = next++) {
      const due = start + (i * 1000) / rate;
      const early = due - performance.now();
      if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
      await place();
      record(due);
    }
  });
  return { ...result, offered: rate };
}

async function run(hub: Hub, name: string, order: OrderMaker, clientLoop: ClientLoop): Promise<PhaseResult> {
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  const cpuBefore = hubCpuSeconds(hub);
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  let n = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, (_, client) => {
      const random = prng(client * 7919 + name.length);
      const place = async () => {
        const body = await gql(hub, PLACE, { key: `${name}-${client}-${n++}-${Date.now()}`, input: order(random) }).catch((e: Error) => ({ errors: [{ extensions: { code: `NETWORK ${e.message}` } }] }));
        const outcome = body.errors ? `error ${body.errors[0].extensions?.code}` : body.data.placeOrder.order ? `${body.data.placeOrder.order.status}` : body.data.placeOrder.errors[0].code;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      };
      return clientLoop(place, (since) => latencies.push(performance.now() - since));
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = hubCpuSeconds(hub) - cpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  return { name, orders: latencies.length, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), cpuMsPerOrder: (cpu * 1000) / latencies.length, clientCpuMsPerOrder: (clientCpu.user + clientCpu.system) / 1000 / latencies.length, outcomes };
}

/** The hub answers before its start-up catch-up with the ERP is done; placements are measured after it. */
async function settle(hub: Hub): Promise<void> {
  if (!(await waitUntilQuiet(hub.pids))) console.error('the hub was still busy 2 minutes after start; measuring anyway');
}

function hubCpuSeconds(hub: Hub): number {
  return hub.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

async function erpFaults(hub: Hub, spec: string): Promise<void> {
  await fetch(hub.url.replace('/graphql', '/admin/erp-faults'), { method: 'POST', body: spec, dispatcher: agent });
}

/** Enough units of the hot SKU that the phase measures contention, not running out. */
async function stockUp(hub: Hub, sku: string, locationId: string, onHand: number): Promise<void> {
  const level = await gql(hub, `query($sku: ID!, $loc: ID!) { product(sku: $sku) { stock(locationId: $loc) { onHand } } }`, { sku, loc: locationId });
  const delta = onHand - level.data.product.stock.onHand;
  await gql(hub, `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { errors { code } } }`, { input: { sku, locationId, delta, reason: 'RECEIPT' } });
}

function row(r: PhaseResult, baseline?: PhaseResult): string {
  const ratio = baseline ? ` | ${(r.perSecond / baseline.perSecond).toFixed(2)} | ${(r.p99 / baseline.p99).toFixed(2)}` : ' | 1.00 | 1.00';
  return `| ${r.name} | ${r.orders} | ${r.perSecond.toFixed(1)} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.cpuMsPerOrder.toFixed(1)} | ${r.clientCpuMsPerOrder.toFixed(2)}${ratio} | ${Object.entries(r.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')} |`;
}

/**
 * Waits for a freshly started hub to go quiet, warms it up, measures random orders with the ERP healthy, runs
 * `morePhases` on it, and stops it.
 */
async function measure(hub: Hub, name: string, morePhases?: (hub: Hub) => Promise<void>): Promise<void> {
  try {
    await settle(hub);
    console.error(`${name}: hub up (pid ${hub.pids.join(', ')}) and quiet; warming up ...`);
    await phase(hub, 'warm-up', Math.min(10, SECONDS), randomOrder);
    results.push(await phase(hub, name, SECONDS, randomOrder));
    await morePhases?.(hub);
  } finally {
    await hub.stop();
  }
}

const results: PhaseResult[] = [];
await measure(await startHub({}), 'ERP healthy (direct calls)', values['healthy-only'] ? healthyAtEachRate : otherPhases);
if (!values['healthy-only']) await measure(await startHub({ HUB_ORDERS_CALLS: 'gateway' }), 'ERP healthy (calls through the gateway)');
// The ERP fault switch is served by the gateway's process, which has no ERP when split: the healthy phase only.
if (values.split) await measure(await startSplitHub(), 'ERP healthy (direct calls), gateway in its own process');
await agent.close();

/** The fixed-rate phases, each on a quiet hub. */
async function atEachRate(hub: Hub, name: string): Promise<void> {
  for (const rate of RATES) {
    await settle(hub);
    results.push(await ratePhase(hub, name, SECONDS, rate, randomOrder));
  }
}

function healthyAtEachRate(hub: Hub): Promise<void> {
  return atEachRate(hub, 'ERP healthy (direct calls)');
}

async function otherPhases(hub: Hub): Promise<void> {
  await healthyAtEachRate(hub);
  await erpFaults(hub, 'outage');
  results.push(await phase(hub, 'ERP down (direct calls)', SECONDS, randomOrder));
  await atEachRate(hub, 'ERP down (direct calls)');
  await erpFaults(hub, 'none');
  await stockUp(hub, 'SKU-000001', 'LOC-S0001', 1_000_000);
  results.push(await phase(hub, 'one hot SKU, one store (direct calls)', SECONDS, () => ({ channel: 'STORE', locationId: 'LOC-S0001', customerRef: 'HOT', lines: [{ sku: 'SKU-000001', quantity: 1 }], payment: { method: 'CARD', authorizationRef: 'bench-auth' } })));
}

/** Each phase is compared with the first phase at its offered load (saturation, or the same rate). */
const baselineOf = (r: PhaseResult) => results.find((other) => other.offered === r.offered)!;
console.log(`\n${CLIENTS} clients, ${SECONDS} s per phase, ${SKUS} SKUs x ${STORES} stores, placeOrder through the gateway (latency in ms; ratios against the first phase at the same offered load: saturation, or the same rate)\n`);
console.log('| phase | orders | orders/s | p50 | p95 | p99 | hub CPU ms/order | bench client CPU ms/order | ratio orders/s | ratio p99 | outcomes |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) console.log(row(r, baselineOf(r) === r ? undefined : baselineOf(r)));
