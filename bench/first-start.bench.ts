// Benchmark: how long `npm start` takes on a fresh data directory (seed + first sync) and on a restart (the baseline).
// Run: npx tsx bench/first-start.bench.ts [--runs 3] [--skus 2000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchHub } from '@retail-hub/platform/testing/hub-launch';
import { median } from './support/stats.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, skus: { type: 'string', default: '2000' } } });

interface Start {
  readyMs: number;
  seedMs: number | null;
}

async function startOnce(dataDir: string): Promise<Start> {
  const started = performance.now();
  // No timeout (a large --skus seeds for long) and the caller's LOG_LEVEL, as `npm start` would have.
  const hub = await launchHub({ args: ['--port', '0', '--subgraph-ports', '0', '--data-dir', dataDir, '--skus', values.skus!], env: { LOG_LEVEL: process.env.LOG_LEVEL }, ready: /GraphQL endpoint:/, timeoutMs: Infinity });
  const readyMs = performance.now() - started;
  const seed = /Seeded the synthetic retailer in ([\d.]+) s/.exec(hub.output());
  await hub.kill('SIGINT');
  return { readyMs, seedMs: seed ? Number(seed[1]) * 1000 : null };
}

const fresh: Start[] = [];
const restart: Start[] = [];
for (let i = 0; i < Number(values.runs); i++) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-first-start-'));
  try {
    fresh.push(await startOnce(dir));
    restart.push(await startOnce(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`run ${i + 1}: first start ${(fresh.at(-1)!.readyMs / 1000).toFixed(2)} s (seed ${((fresh.at(-1)!.seedMs ?? 0) / 1000).toFixed(2)} s), restart ${(restart.at(-1)!.readyMs / 1000).toFixed(2)} s`);
}
const firstMedian = median(fresh.map((s) => s.readyMs));
const restartMedian = median(restart.map((s) => s.readyMs));
console.log(`\nSKUs ${values.skus}, ${values.runs} runs (process spawn to "GraphQL endpoint" printed)`);
console.log(`first start (seed + first sync): median ${(firstMedian / 1000).toFixed(2)} s; seeding alone median ${(median(fresh.map((s) => s.seedMs ?? 0)) / 1000).toFixed(2)} s`);
console.log(`restart (baseline):              median ${(restartMedian / 1000).toFixed(2)} s`);
console.log(`ratio first start / restart:     ${(firstMedian / restartMedian).toFixed(2)}x`);
