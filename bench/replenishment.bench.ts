// Benchmark: a full replenishment run over 300 stores x 5,000 SKUs (1.5 million positions), time split into reading, computing
// and writing, and peak memory; the baseline is a run over one region, in the same invocation.
// Run: npx tsx bench/replenishment.bench.ts [--skus 5000] [--stores 300] [--runs 5] [--dialect sqlite|postgres] [--data-dir DIR]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openEmbeddedErp } from '@retail-hub/erp';
import { createTestStore, execute, testSubgraphDeps, type StoreConfig, type TestStore } from '@retail-hub/platform';
import { createSupplierSubgraph } from '../subgraphs/supplier/src/server.js';
import { median, percentile } from './support/stats.js';

const { values } = parseArgs({
  options: {
    skus: { type: 'string', default: '5000' },
    stores: { type: 'string', default: '300' },
    runs: { type: 'string', default: '5' },
    dialect: { type: 'string', default: 'sqlite' },
    'data-dir': { type: 'string' },
  },
});
const dialect = values.dialect === 'postgres' ? 'postgres' : 'sqlite';
const dir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'bench-replenishment-'));
const mb = (bytes: number) => Math.round(bytes / 1_048_576);

const RUN = /* GraphQL */ `mutation($scope: ReplenishmentScopeInput) { runReplenishment(scope: $scope) {
  run { status positionsEvaluated proposalCount exceptionCount timings { readMs computeMs writeMs totalMs } } errors { code message } } }`;

interface Sample {
  wallMs: number;
  /** CPU time of this process during the run (user + system): what the run costs whatever else the machine is doing. */
  cpuMs: number;
  readMs: number;
  computeMs: number;
  writeMs: number;
  positions: number;
  proposals: number;
  exceptions: number;
  peakRssMb: number;
}

let seedMs = 0;
const erp = await openEmbeddedErp(join(dir, 'erp.db'));
const seeded = await erp.seedIfEmpty({ skus: Number(values.skus), stores: Number(values.stores), seed: 42 });
if (seeded) seedMs = seeded.ms;
let testStore: TestStore | null = null;
let store: StoreConfig = { dialect: 'sqlite', file: join(dir, 'supplier.db') };
if (dialect === 'postgres') {
  testStore = await createTestStore('postgres', 'bench_replenishment');
  store = testStore.config;
}
// No query log: the test kit's keeps every statement (and its parameters) in memory.
const supplier = await createSupplierSubgraph({ ...testSubgraphDeps(store), onQuery: undefined, erp: erp.ports, replenishment: { dailyRunAt: null, pollIntervalMs: 3_600_000 } });
await supplier.start();
let started = performance.now();
await supplier.planning.load();
const loadMs = performance.now() - started;
// Only the runs are measured: stop the background work that would otherwise share the two cores.
await Promise.all([supplier.scheduler.stop(), supplier.sender.stop(), supplier.sagas.stop(), supplier.webhooks.stop()]);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
async function measure(scope: Record<string, unknown>): Promise<Sample> {
  if (global.gc) global.gc();
  peakRss = process.memoryUsage().rss;
  started = performance.now();
  const cpu = process.cpuUsage();
  const result = await execute(supplier, RUN, { scope });
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (result.errors || result.data?.runReplenishment.run.status !== 'COMPLETED') throw new Error(`run failed: ${JSON.stringify(result.errors ?? result.data)}`);
  const run = result.data.runReplenishment.run;
  return { wallMs, cpuMs, ...run.timings, positions: run.positionsEvaluated, proposals: run.proposalCount, exceptions: run.exceptionCount, peakRssMb: mb(peakRss) };
}

// The stores' regions (six): the baseline plans one of them.
const regions = [...new Set((await erp.ports.stockLedger.getLocations()).filter((l) => l.type === 'STORE').map((l) => l.region))].sort();

const full: Sample[] = [];
const baseline: Sample[] = [];
await measure({}); // warm-up: JIT, SQLite page cache
for (let i = 0; i < Number(values.runs); i++) {
  baseline.push(await measure({ regions: [regions[0]] }));
  full.push(await measure({}));
  const f = full.at(-1)!;
  console.log(`run ${i + 1}: full ${(f.wallMs / 1000).toFixed(2)} s, cpu ${(f.cpuMs / 1000).toFixed(2)} s (read ${f.readMs} ms, compute ${f.computeMs} ms, write ${f.writeMs} ms; ${f.positions.toLocaleString('en-US')} positions, ${f.proposals.toLocaleString('en-US')} proposals, peak RSS ${f.peakRssMb} MB); one region ${(baseline.at(-1)!.wallMs / 1000).toFixed(2)} s`);
}
clearInterval(sampler);

const row = (name: string, samples: Sample[], pick: (s: Sample) => number, unit = 'ms') => `${name.padEnd(28)} median ${Math.round(median(samples.map(pick)))} ${unit}, p99 ${Math.round(percentile(samples.map(pick), 99))} ${unit}`;
console.log(`\n${values.skus} SKUs x ${values.stores} stores on ${dialect}; ${values.runs} runs each after a warm-up; ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`setup: ERP seed ${(seedMs / 1000).toFixed(1)} s, planning data load (stock catch-up + history import) ${(loadMs / 1000).toFixed(1)} s`);
console.log(`full run: ${full[0]!.positions.toLocaleString('en-US')} positions, ${full[0]!.proposals.toLocaleString('en-US')} proposals, ${full[0]!.exceptions.toLocaleString('en-US')} exceptions`);
console.log(row('full run, wall (mutation)', full, (s) => s.wallMs));
console.log(row('full run, CPU time', full, (s) => s.cpuMs));
console.log(row('  reading positions+demand', full, (s) => s.readMs));
console.log(row('  computing', full, (s) => s.computeMs));
console.log(row('  writing proposals', full, (s) => s.writeMs));
console.log(row('  peak RSS', full, (s) => s.peakRssMb, 'MB'));
console.log(`baseline (region ${regions[0]}): ${baseline[0]!.positions.toLocaleString('en-US')} positions`);
console.log(row('baseline run, wall', baseline, (s) => s.wallMs));
console.log(row('baseline run, CPU time', baseline, (s) => s.cpuMs));
// What a run costs whatever its scope (every block is read, every SKU gets a run item) shows in the baseline's split.
console.log(row('  reading positions+demand', baseline, (s) => s.readMs));
console.log(row('  computing', baseline, (s) => s.computeMs));
console.log(row('  writing proposals', baseline, (s) => s.writeMs));
console.log(`  baseline proposals: ${baseline[0]!.proposals.toLocaleString('en-US')}`);
console.log(`ratio full / baseline (median wall): ${(median(full.map((s) => s.wallMs)) / median(baseline.map((s) => s.wallMs))).toFixed(2)}x for ${(full[0]!.positions / baseline[0]!.positions).toFixed(2)}x the positions`);
console.log(`throughput: ${Math.round(full[0]!.positions / (median(full.map((s) => s.wallMs)) / 1000)).toLocaleString('en-US')} positions/s`);

await supplier.stop();
await erp.close();
await testStore?.drop();
if (!values['data-dir']) rmSync(dir, { recursive: true, force: true });
