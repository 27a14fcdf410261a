// The composer against fixture SDL: composes, reports composition errors, detects a stale supergraph, is deterministic.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCompose } from '../src/compose/run-compose.js';
import { SUPERGRAPH_HEADER } from '../src/compose/compose-supergraph.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/subgraphs', import.meta.url));
const CLI = fileURLToPath(new URL('../src/compose/compose-cli.ts', import.meta.url));

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'compose-test-'));
  temps.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('compose', () => {
  it('composes the five fixture subgraphs into a supergraph file', () => {
    const out = join(tempDir(), 'supergraph.graphql');
    const outcome = runCompose({ subgraphsDir: FIXTURES, out });
    expect(outcome.exitCode).toBe(0);
    const sdl = readFileSync(out, 'utf8');
    expect(sdl.startsWith(SUPERGRAPH_HEADER)).toBe(true);
    expect(sdl.endsWith('}\n')).toBe(true);
    for (const [name, port] of [['product', 4001], ['pricing', 4002], ['inventory', 4003], ['orders', 4004], ['supplier', 4005]] as const) {
      expect(sdl).toContain(`@join__graph(name: "${name}", url: "http://localhost:${port}/graphql")`);
    }
  });

  it('writes byte-identical output for the same input', () => {
    const dir = tempDir();
    runCompose({ subgraphsDir: FIXTURES, out: join(dir, 'a.graphql') });
    runCompose({ subgraphsDir: FIXTURES, out: join(dir, 'b.graphql') });
    expect(readFileSync(join(dir, 'a.graphql'))).toEqual(readFileSync(join(dir, 'b.graphql')));
  });

  it('fails with the composition error, naming the files involved', () => {
    const subgraphs = join(tempDir(), 'subgraphs');
    cpSync(FIXTURES, subgraphs, { recursive: true });
    // pricing owns Money { amount: Int! }; a second, incompatible definition cannot compose.
    appendFileSync(join(subgraphs, 'inventory/schema/inventory.graphql'), '\ntype Money {\n  amount: String!\n}\n');
    const out = join(subgraphs, 'supergraph.graphql');
    const outcome = runCompose({ subgraphsDir: subgraphs, out });
    expect(outcome.exitCode).toBe(1);
    const text = outcome.messages.join('\n');
    expect(text).toMatch(/composition failed/);
    expect(text).toMatch(/\[FIELD_TYPE_MISMATCH\] Type of field "Money.amount" is incompatible across subgraphs/);
    expect(text).toMatch(/inventory\/schema\/inventory\.graphql:\d+:\d+/);
    expect(() => readFileSync(out)).toThrow();
  });

  it('says which subgraph has no schema yet', () => {
    const subgraphs = join(tempDir(), 'subgraphs');
    cpSync(FIXTURES, subgraphs, { recursive: true });
    rmSync(join(subgraphs, 'orders/schema'), { recursive: true });
    const outcome = runCompose({ subgraphsDir: subgraphs, out: join(subgraphs, 'supergraph.graphql') });
    expect(outcome).toEqual({ exitCode: 1, messages: [expect.stringMatching(/^compose failed: subgraph "orders": no schema directory at .*orders\/schema$/)] });
  });

  it('reports a syntax error with its file and line', () => {
    const subgraphs = join(tempDir(), 'subgraphs');
    cpSync(FIXTURES, subgraphs, { recursive: true });
    writeFileSync(join(subgraphs, 'supplier/schema/zz-broken.graphql'), 'type Broken {\n');
    const outcome = runCompose({ subgraphsDir: subgraphs, out: join(subgraphs, 'supergraph.graphql') });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.messages[0]).toMatch(/subgraph "supplier": Syntax Error: .*\n\n.*zz-broken\.graphql:2:1/);
  });
});

describe('compose --check', () => {
  it('passes on a fresh file and fails when the file is stale or missing', () => {
    const out = join(tempDir(), 'supergraph.graphql');
    expect(runCompose({ subgraphsDir: FIXTURES, out, check: true })).toEqual({ exitCode: 1, messages: [expect.stringMatching(/is missing: run `npm run compose`/)] });

    runCompose({ subgraphsDir: FIXTURES, out });
    expect(runCompose({ subgraphsDir: FIXTURES, out, check: true }).exitCode).toBe(0);

    writeFileSync(out, readFileSync(out, 'utf8').replace('url: "http://localhost:4002/graphql"', 'url: "http://elsewhere/graphql"'));
    const stale = runCompose({ subgraphsDir: FIXTURES, out, check: true });
    expect(stale).toEqual({ exitCode: 1, messages: [expect.stringMatching(/is stale: it differs from a fresh composition; run `npm run compose`/)] });
  });

  it('exits non-zero from the command line', () => {
    const out = join(tempDir(), 'supergraph.graphql');
    writeFileSync(out, '# not a supergraph\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--check', '--subgraphs-dir', FIXTURES, '--out', out], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/is stale/);
  });
});
