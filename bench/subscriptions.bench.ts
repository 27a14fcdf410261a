// Benchmark: 1,000 dashboard subscribers on the gateway while stock changes 1,000 times a second; commit-to-arrival latency, gateway memory, changes lost.
// Run: npx tsx bench/subscriptions.bench.ts [--subscribers 1000] [--rate 1000] [--seconds 20] [--skus 500] [--stores 300] [--watched 100]
// Each phase waits for deliveries to drain (nothing new for 2 s, at most 90 s) before counting what was lost.
// BENCH_CPU_PROFILE=DIR writes CPU profiles of the gateway and the other subgraphs there.
// Processes: other subgraphs | inventory + the writer (this process) | gateway alone | the subscriber fleet. The baseline
// phase subscribes to inventory's fields only; the full phase adds product and price fields, resolved per event.
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mintApiKey } from '@retail-hub/gateway/keys/api-key-secret';
import { startBenchInventory } from './support/bench-inventory.js';
import { deliveryReport, type DeliveryReport, type SubscriberRecord } from './support/delivery-report.js';
import { cpuSeconds, waitUntilQuiet } from './support/process-cpu.js';
import { percentile } from './support/stats.js';
import { freePortRun } from '@retail-hub/platform/testing/free-ports';
import { scrapeMetric } from '@retail-hub/platform/testing/scrape-metric';
import { startServices, subgraphUrlArgs } from './support/service-process.js';
import { runStockChangeLoad } from './support/stock-change-load.js';
import type { FleetCommand, FleetReport, FleetSubscriber } from './support/subscription-fleet.js';

const { values: args } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '20' },
    skus: { type: 'string', default: '500' },
    stores: { type: 'string', default: '300' },
    watched: { type: 'string', default: '100' },
  },
});
const SUBSCRIBERS = Number(args.subscribers);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const ROOT = resolve(import.meta.dirname, '..');

const FULL = /* GraphQL */ `subscription StoreDashboard($filter: StockChangedFilter, $loc: ID!) { stockChanged(filter: $filter) {
  id sku location { id name } onHand reserved available asOf
  product { name category { name } price(channel: STORE, locationId: $loc) { amount { centAmount currency } } } } }`;
const BASELINE = /* GraphQL */ `subscription StoreDashboard($filter: StockChangedFilter) { stockChanged(filter: $filter) {
  id sku location { id name } onHand reserved available asOf } }`;

const loadAtStart = loadavg()[0]!;
const dataDir = mkdtempSync(join(tmpdir(), 'bench-subscriptions-'));
const base = await freePortRun(5);
const gatewayPort = await freePortRun(1);
const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
const adminKey = mintApiKey().key;
const common = ['--data-dir', dataDir, '--skus', args.skus!, '--stores', args.stores!, '--subgraph-ports', String(base)];
const env = { HUB_GRAPH_URL: `${gatewayUrl}/graphql` };

const profile = (name: string) => (process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}/${name}`] : []);
const cleanups: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
const cleanUp = async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => console.error(`cleanup: ${error.message}`));
};
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

console.log(`load average at start ${loadAtStart.toFixed(2)} (2 cores); starting services...`);
const others = await startServices(['--services', 'product,pricing,orders,supplier', ...common], env, profile('others'));
cleanups.push(() => others.stop());
const bench = await startBenchInventory({ dataDir, basePort: base, graphUrl: `${gatewayUrl}/graphql` });
cleanups.push(() => bench.stop());
const { inventory, ledger } = bench;
// The slow client stops reading altogether (pings too) for the warm-up, the measured load and the drain; with the
// default 12 s keep-alive it would be dropped as dead after at most two pings, so pings are a minute apart here.
const gateway = await startServices(['--services', 'gateway', '--port', String(gatewayPort), '--data-dir', dataDir, ...subgraphUrlArgs(base)], { HUB_BOOTSTRAP_ADMIN_KEY: adminKey, HUB_SUBSCRIPTION_KEEPALIVE_MS: '60000' }, profile('gateway'));
cleanups.push(() => gateway.stop());

// Stock changes everywhere; dashboards are open for the first `watched` stores.
const stores = Array.from({ length: Number(args.stores) }, (_, i) => `LOC-S${String(i + 1).padStart(4, '0')}`);
const watched = stores.slice(0, Number(args.watched));
const skus = Array.from({ length: Number(args.skus) }, (_, i) => `SKU-${String(i + 1).padStart(6, '0')}`);
/** Store dashboards (one store each) and district dashboards (ten stores each): distinct filters, shared by several screens. */
const districts = Array.from({ length: Math.ceil(watched.length / 10) }, (_, i) => watched.slice(i * 10, i * 10 + 10));
const districtScreens = Math.round(SUBSCRIBERS * 0.1);
const filters: { locations: string[]; loc: string }[] = [];
for (let i = 0; i < SUBSCRIBERS - districtScreens; i++) filters.push({ locations: [watched[i % watched.length]!], loc: watched[i % watched.length]! });
for (let i = 0; i < districtScreens; i++) filters.push({ locations: districts[i % districts.length]!, loc: districts[i % districts.length]![0]! });
const distinctFilters = new Set(filters.map((f) => f.locations.join())).size;

const gatewayMetric = (name: string, labels = '') => scrapeMetric(gatewayUrl, name, labels);

/**
 * Where a per-event subgraph call's time goes: counted and summed at the gateway (from sending the request to
 * having the answer, so it includes waiting for the gateway's own event loop) and in the subgraph (handling the
 * request); the gateway's minor GC time alongside.
 */
const CALLED = [['product', base], ['pricing', base + 1]] as const;
async function callTimes(): Promise<Record<string, number>> {
  const entries: [string, number][] = [['gateway minor GC s', await gatewayMetric('nodejs_gc_duration_seconds_sum', 'kind="minor"')]];
  for (const [subgraph, port] of CALLED) {
    const at = `subgraph="${subgraph}"`;
    entries.push([`${subgraph} calls`, await gatewayMetric('hub_gateway_subgraph_call_duration_seconds_count', at)]);
    entries.push([`${subgraph} s at gateway`, await gatewayMetric('hub_gateway_subgraph_call_duration_seconds_sum', at)]);
    entries.push([`${subgraph} s in subgraph`, await scrapeMetric(`http://127.0.0.1:${port}`, 'hub_http_request_duration_seconds_sum', `service="${subgraph}",route="/graphql"`)]);
  }
  return Object.fromEntries(entries);
}
const inventoryMetric = async (name: string) => ((await bench.metrics.registry.getSingleMetric(name)?.get())?.values ?? []).reduce((s, v) => s + v.value, 0);
const until = async (check: () => Promise<boolean>, what: string) => {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};
const memory = async () => ({ rss: await gatewayMetric('process_resident_memory_bytes'), heap: await gatewayMetric('nodejs_heap_size_used_bytes') });
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

interface PhaseResult {
  phase: string;
  achievedRate: number;
  writes: number;
  batchP50: number;
  report: DeliveryReport;
  slow: { received: number; expected: number; latestCorrect: boolean };
  gatewayCoalesced: number;
  memory: { connected: { rss: number; heap: number }; peak: { rss: number; heap: number } };
  /** CPU seconds each process used from the start of the measured load until its deliveries had drained. */
  cpu: Record<string, number>;
  /** callTimes() over the same span as cpu. */
  calls: Record<string, number>;
  wallSeconds: number;
  fleetCloses: number;
}

async function phase(name: string, query: string): Promise<PhaseResult> {
  const subscribers: FleetSubscriber[] = filters.map((f) => ({ query, variables: { filter: { locationIds: f.locations }, ...(query === FULL ? { loc: f.loc } : {}) } }));
  const slow = subscribers[0]!;
  const fleet = fork(join(ROOT, 'bench/support/subscription-fleet.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const orphanGuard = () => fleet.kill('SIGKILL');
  process.once('exit', orphanGuard);
  fleet.once('exit', () => process.off('exit', orphanGuard));
  const records: SubscriberRecord[] = [];
  let fleetCloses = 0;
  const done = new Promise<void>((resolveDone) =>
    fleet.on('message', (report: FleetReport) => {
      if (report.type === 'records') records[report.subscriber] = { locations: new Set(filters[report.subscriber % filters.length]!.locations), keys: report.keys, times: report.times, errors: report.errors };
      if (report.type === 'done') {
        fleetCloses = report.closes;
        resolveDone();
      }
    }),
  );
  const ready = new Promise<void>((r) => fleet.on('message', (report: FleetReport) => report.type === 'ready' && r()));
  fleet.send({ type: 'start', wsUrl: `${gatewayUrl.replace('http', 'ws')}/graphql`, key: adminKey, subscribers, slow } satisfies FleetCommand);
  await ready;
  await until(async () => (await gatewayMetric('hub_gateway_subscriptions_active')) === subscribers.length + 1 && (await inventoryMetric('hub_subscriptions_active')) === distinctFilters, 'every subscription to be live');
  const connected = await memory();
  const coalescedBefore = await gatewayMetric('hub_gateway_subscription_events_total', 'outcome="coalesced"');
  console.log(`${name}: ${subscribers.length} subscribers (+1 slow, paused) on ${distinctFilters} distinct filters; gateway ${mb(connected.rss)} RSS, ${mb(connected.heap)} heap`);

  await runStockChangeLoad({ inventory, ledger, skus, locations: stores, ratePerSecond: RATE, durationMs: 3_000 });
  const peak = { ...connected };
  const pids = { gateway: gateway.child.pid!, 'inventory + writer': process.pid, 'product, pricing, orders, supplier': others.child.pid!, fleet: fleet.pid! };
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const callsBefore = await callTimes();
  const wallStarted = performance.now();
  const sampler = setInterval(() => void memory().then((m) => ((peak.rss = Math.max(peak.rss, m.rss)), (peak.heap = Math.max(peak.heap, m.heap)))), 1_000);
  const load = await runStockChangeLoad({ inventory, ledger, skus, locations: stores, ratePerSecond: RATE, durationMs: SECONDS * 1_000 });
  clearInterval(sampler);
  // Drained: the gateway has handed clients nothing new for 2 s (at least 3 s after the last change; at most 90 s,
  // after which anything still missing counts as lost).
  const drainDeadline = Date.now() + 90_000;
  await new Promise((r) => setTimeout(r, 3_000));
  for (let last = -1, still = 0; still < 8 && Date.now() < drainDeadline; await new Promise((r) => setTimeout(r, 250))) {
    const delivered = await gatewayMetric('hub_gateway_subscription_events_total', 'outcome="delivered"');
    still = delivered === last ? still + 1 : 0;
    last = delivered;
  }
  const cpu = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid) - cpuBefore[name]!]));
  const calls = Object.fromEntries(Object.entries(await callTimes()).map(([name, value]) => [name, value - callsBefore[name]!]));
  const wallSeconds = (performance.now() - wallStarted) / 1000;
  const gatewayCoalesced = (await gatewayMetric('hub_gateway_subscription_events_total', 'outcome="coalesced"')) - coalescedBefore;
  fleet.send({ type: 'resume-slow' } satisfies FleetCommand);
  await new Promise((r) => setTimeout(r, 5_000));
  fleet.send({ type: 'stop' } satisfies FleetCommand);
  await done;

  const slowRecord = records[subscribers.length]!;
  const normal = records.slice(0, subscribers.length);
  const slowReport = deliveryReport([slowRecord], load.commits, load.byPosition);
  const lastOf = new Map<string, number>();
  for (const key of slowRecord.keys) {
    const [position, onHand] = key.split('#') as [string, string];
    lastOf.set(position, Number(onHand));
  }
  const latestCorrect = [...load.byPosition].filter(([p]) => slowRecord.locations.has(p.slice(p.indexOf('@') + 1))).every(([p, v]) => lastOf.get(p) === v.at(-1));
  await until(async () => (await gatewayMetric('hub_gateway_subscriptions_active')) === 0, 'the fleet to leave');
  return {
    phase: name,
    achievedRate: (load.commits.size / load.elapsedMs) * 1000,
    writes: load.commits.size,
    batchP50: percentile(load.batchMs, 50),
    report: deliveryReport(normal, load.commits, load.byPosition),
    slow: { received: slowReport.delivered, expected: slowReport.expected, latestCorrect },
    gatewayCoalesced,
    memory: { connected, peak },
    cpu,
    calls,
    wallSeconds,
    fleetCloses,
  };
}

// Start-up work (pricing's first read of every stock level through the graph, inventory's first projection) runs
// in the background for a while after the services answer; measured phases start once the hub is quiet: under a
// fifth of a core over two consecutive seconds (at most two minutes).
{
  const quiet = await waitUntilQuiet([gateway.child.pid!, others.child.pid!, process.pid]);
  console.log(`hub quiet after start-up (${quiet ? 'ok' : 'NOT quiet after 2 minutes'}); load average ${loadavg()[0]!.toFixed(2)}`);
}
const idle = await memory();
const results: PhaseResult[] = [];
try {
  results.push(await phase('baseline (inventory fields only)', BASELINE));
  results.push(await phase('full (+ product and price per event)', FULL));
} finally {
  await cleanUp();
}

const fmt = (n: number) => n.toFixed(1);
console.log(`\n${SUBSCRIBERS} subscribers, ${distinctFilters} distinct filters, target ${RATE} changes/s for ${SECONDS} s; gateway idle ${mb(idle.rss)} RSS, ${mb(idle.heap)} heap; load average at start ${loadAtStart.toFixed(2)}`);
console.log('| phase | changes/s | delivered | p50 ms | p90 ms | p99 ms | max ms | lost | coalesced | dup | errors | closed | gateway RSS (connected / peak) | slow client: got / owed, latest right |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const { report: d } = r;
  console.log(`| ${r.phase} | ${fmt(r.achievedRate)} | ${d.delivered} | ${fmt(d.latencyMs.p50)} | ${fmt(d.latencyMs.p90)} | ${fmt(d.latencyMs.p99)} | ${fmt(d.latencyMs.max)} | ${d.lost} | ${d.coalesced} | ${d.duplicates} | ${d.errors} | ${r.fleetCloses} | ${mb(r.memory.connected.rss)} / ${mb(r.memory.peak.rss)} | ${r.slow.received} / ${r.slow.expected}, ${r.slow.latestCorrect ? 'yes' : 'NO'} (gateway coalesced ${r.gatewayCoalesced}) |`);
}
console.log('\nCPU used per 1,000 changes (seconds), from the start of the measured load until its deliveries drained:');
for (const r of results) {
  const per = (seconds: number) => ((seconds / r.writes) * 1000).toFixed(2);
  console.log(`  ${r.phase}: ${Object.entries(r.cpu).map(([name, seconds]) => `${name} ${per(seconds)} (${((seconds / r.wallSeconds) * 100).toFixed(0)}% of a core)`).join('; ')}`);
}
console.log('\nPer-event subgraph calls (mean ms per call at the gateway / in the subgraph) and the gateway\'s minor GC:');
for (const { phase, calls } of results) {
  const mean = (subgraph: string, where: string) => (calls[`${subgraph} calls`]! ? ((calls[`${subgraph} s ${where}`]! / calls[`${subgraph} calls`]!) * 1000).toFixed(1) : '-');
  console.log(`  ${phase}: ${CALLED.map(([subgraph]) => `${subgraph} ${calls[`${subgraph} calls`]} calls, ${mean(subgraph, 'at gateway')} / ${mean(subgraph, 'in subgraph')} ms`).join('; ')}; minor GC ${calls['gateway minor GC s']!.toFixed(2)} s`);
}
const [baseline, full] = results;
if (baseline && full) console.log(`\nfull / baseline: p50 ${(full.report.latencyMs.p50 / baseline.report.latencyMs.p50).toFixed(2)}x, p99 ${(full.report.latencyMs.p99 / baseline.report.latencyMs.p99).toFixed(2)}x`);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/subscriptions.json'), JSON.stringify({ args, loadAtStart, idle, results }, null, 2));
process.exit(0);
