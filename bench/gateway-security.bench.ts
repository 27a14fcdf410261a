// Benchmark: what gateway security costs per request. End to end through a real gateway and two fixture subgraphs,
// a keyed caller against scope-annotated fields vs an anonymous caller on a plain supergraph (the baseline, same run);
// then the pre-execution analysis alone, and a bucket take in memory vs Redis.
// Run: npx tsx bench/gateway-security.bench.ts [--requests 2000] [--concurrency 16]
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { silentLogger, type RunningHttpServer } from '@retail-hub/platform';
import { createGateway } from '../gateway/src/server.js';
import { serveGateway } from '../gateway/src/http/serve-gateway.js';
import { composeSupergraph } from '../gateway/src/compose/compose-supergraph.js';
import { openKeyStore } from '../gateway/src/keys/key-store.js';
import { readSchemaPolicies } from '../gateway/src/supergraph/schema-policies.js';
import { apiSchemaOf } from '../gateway/src/supergraph/api-schema.js';
import { checkOperationLimits, DEFAULT_OPERATION_LIMITS } from '../gateway/src/operation/operation-limits.js';
import { findUnauthorized } from '../gateway/src/authz/find-unauthorized.js';
import { WalkBudget } from '../gateway/src/operation/selection-fields.js';
import { CostModel } from '../gateway/src/cost/cost-model.js';
import { estimateCost } from '../gateway/src/cost/estimate-cost.js';
import { MemoryBucketStore } from '../gateway/src/rate-limit/memory-bucket-store.js';
import { RedisBucketStore } from '../gateway/src/rate-limit/redis-bucket-store.js';
import { startFixtureSubgraph } from '../gateway/test/fixtures/fixture-subgraph.js';
import { median, percentile } from './support/stats.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '16' } } });
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const SECRET = 'bench-secret';
const QUERY = '{ products { sku name onHand } }';

const SECURED = {
  catalog: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@requiresScopes", "@listSize"])
    type Query { products: [Product!]! @requiresScopes(scopes: [["catalog:read"], ["supplier:read"]]) @listSize(assumedSize: 20) broken: String }
    type Product @key(fields: "sku") @requiresScopes(scopes: [["catalog:read"]]) { sku: ID! name: String! }`,
  stock: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@requiresScopes"])
    type Product @key(fields: "sku") { sku: ID! onHand: Int! @requiresScopes(scopes: [["inventory:read"]]) }`,
};

async function drive(url: string, headers: Record<string, string>): Promise<{ latencies: number[]; perSecond: number; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        const t = performance.now();
        const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY }) });
        const body = (await response.json()) as { errors?: unknown[] };
        if (!response.ok || body.errors) failures++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, perSecond: (REQUESTS / (performance.now() - started)) * 1000, failures };
}

function microseconds(fn: () => unknown, runs = 20_000): number {
  for (let i = 0; i < 1000; i++) fn();
  const t = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return ((performance.now() - t) * 1000) / runs;
}

async function bucketMicros(store: MemoryBucketStore | RedisBucketStore, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await store.take('bench', 1, { capacity: 1e9, restoreRate: 1e9 });
    samples.push((performance.now() - t) * 1000);
  }
  return samples;
}

const dir = mkdtempSync(join(tmpdir(), 'bench-security-'));
const [catalog, stock] = await Promise.all([startFixtureSubgraph('catalog', SECRET), startFixtureSubgraph('stock', SECRET)]);
const servers: RunningHttpServer[] = [];
try {
  const plain = composeSupergraph([catalog, stock].map((s) => ({ name: s.name, url: s.url, typeDefs: s.typeDefs })));
  const secured = composeSupergraph([catalog, stock].map((s) => ({ name: s.name, url: s.url, typeDefs: parse(SECURED[s.name]) })));
  if (!plain.ok || !secured.ok) throw new Error('fixture composition failed');
  writeFileSync(join(dir, 'plain.graphql'), plain.supergraphSdl);
  writeFileSync(join(dir, 'secured.graphql'), secured.supergraphSdl);
  const urls = { catalog: catalog.url, stock: stock.url };
  const limits = { maxCost: 100_000, bucketCapacity: 10_000_000, restoreRate: 1_000_000 };

  const baseline = await serveGateway(await createGateway({ claimsSecret: SECRET, supergraphPath: join(dir, 'plain.graphql'), subgraphUrls: urls, anonymousScopes: ['*'], anonymousLimits: limits, logger: silentLogger() }), { port: 0 });
  servers.push(baseline);
  const keyStore = await openKeyStore({ dialect: 'sqlite', file: join(dir, 'gateway.db') }, { defaultLimits: limits, logger: silentLogger() });
  const { key } = await keyStore.keys.create({ name: 'bench', scopes: ['catalog:read', 'inventory:read'], ...limits }, 'bench');
  const keyed = await serveGateway(await createGateway({ claimsSecret: SECRET, supergraphPath: join(dir, 'secured.graphql'), subgraphUrls: urls, keyStore, logger: silentLogger() }), { port: 0 });
  servers.push(keyed);

  // Warm both (plans, documents, key cache), then alternate runs so drift hits both alike.
  await drive(baseline.url, {});
  await drive(keyed.url, { authorization: `Bearer ${key}` });
  const runs = { baseline: [] as number[], keyed: [] as number[], baselineRps: [] as number[], keyedRps: [] as number[], failures: 0 };
  for (let round = 0; round < 3; round++) {
    const a = await drive(baseline.url, {});
    const b = await drive(keyed.url, { authorization: `Bearer ${key}` });
    runs.baseline.push(...a.latencies);
    runs.keyed.push(...b.latencies);
    runs.baselineRps.push(a.perSecond);
    runs.keyedRps.push(b.perSecond);
    runs.failures += a.failures + b.failures;
  }

  // The analysis alone, on the secured supergraph's API schema.
  const sdl = secured.supergraphSdl;
  const schema: GraphQLSchema = apiSchemaOf(sdl);
  const policies = readSchemaPolicies(sdl);
  const model = new CostModel(policies);
  const document = parse(QUERY);
  const operation = getOperationAST(document)!;
  const claims = { sub: 'k', kind: 'key' as const, scopes: ['catalog:read', 'inventory:read'] };
  const analysis = {
    limits: microseconds(() => checkOperationLimits(schema, document, operation, DEFAULT_OPERATION_LIMITS)),
    authorization: microseconds(() => findUnauthorized(schema, document, operation, policies, claims, new WalkBudget(5000))),
    cost: microseconds(() => estimateCost(model, schema, document, operation, {}, new WalkBudget(5000))),
    keyLookup: microseconds(() => keyStore.keys.verify(key), 2000),
  };
  const memory = await bucketMicros(new MemoryBucketStore(), 5000);
  const redisStore = new RedisBucketStore({ url: process.env.HUB_REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: 'bench:' });
  const redis = await redisStore.ready().then(() => bucketMicros(redisStore, 2000), () => null);
  await redisStore.close();

  const ms = (x: number) => x.toFixed(2);
  console.log(`gateway security, ${REQUESTS} requests x 3 rounds at concurrency ${CONCURRENCY} (${QUERY}), failures: ${runs.failures}`);
  console.log(`  baseline (anonymous, no rules): median ${ms(median(runs.baseline))} ms, p99 ${ms(percentile(runs.baseline, 99))} ms, ${median(runs.baselineRps).toFixed(0)} req/s`);
  console.log(`  keyed + scopes + limits + cost + bucket: median ${ms(median(runs.keyed))} ms, p99 ${ms(percentile(runs.keyed, 99))} ms, ${median(runs.keyedRps).toFixed(0)} req/s`);
  console.log(`  ratio keyed/baseline: median ${(median(runs.keyed) / median(runs.baseline)).toFixed(2)}, p99 ${(percentile(runs.keyed, 99) / percentile(runs.baseline, 99)).toFixed(2)}, throughput ${(median(runs.keyedRps) / median(runs.baselineRps)).toFixed(2)}`);
  console.log(`  analysis per operation: limits ${analysis.limits.toFixed(1)} µs, authorization ${analysis.authorization.toFixed(1)} µs, cost ${analysis.cost.toFixed(1)} µs, key lookup (cached) ${analysis.keyLookup.toFixed(1)} µs`);
  console.log(`  bucket take: memory median ${median(memory).toFixed(1)} µs p99 ${percentile(memory, 99).toFixed(1)} µs; redis ${redis ? `median ${median(redis).toFixed(0)} µs p99 ${percentile(redis, 99).toFixed(0)} µs` : 'unreachable'}`);
} finally {
  for (const server of servers) await server.close();
  await Promise.all([catalog.close(), stock.close()]);
  rmSync(dir, { recursive: true, force: true });
}
