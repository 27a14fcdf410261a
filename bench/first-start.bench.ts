// Benchmark: how long `npm start` takes on a fresh data directory (seed + first sync) and on a restart (the baseline).
// Run: npx tsx bench/first-start.bench.ts [--runs 3] [--skus 2000]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './support/stats.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, skus: { type: 'string', default: '2000' } } });
const ROOT = resolve(import.meta.dirname, '..');

interface Start {
  readyMs: number;
  seedMs: number | null;
}

function startOnce(dataDir: string): Promise<Start> {
  return new Promise((resolveStart, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'hub/src/main.ts', '--port', '0', '--subgraph-ports', '0', '--data-dir', dataDir, '--skus', values.skus!], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      if (/GraphQL endpoint:/.test(out)) {
        const readyMs = performance.now() - started;
        const seed = /Seeded the synthetic retailer in ([\d.]+) s/.exec(out);
        child.kill('SIGINT');
        child.once('exit', () => resolveStart({ readyMs, seedMs: seed ? Number(seed[1]) * 1000 : null }));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      if (!/GraphQL endpoint:/.test(out)) reject(new Error(`hub exited ${code}:\n${out}`));
    });
  });
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
