// Limits before execution, and cost-based rate limits, against a running hub: every bomb is refused before any
// subgraph is called; a key that spends too fast gets RATE_LIMITED, HTTP 429 and Retry-After; with HUB_REDIS_URL
// the buckets live in Redis.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from './support/hub-process.js';
import { bearer, codes, createKey, createKeyByApi, post, subgraphCalls } from './support/security-kit.js';

const REDIS_URL = process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function nested(levels: number): string {
  let selection = 'id';
  for (let i = 0; i < levels; i++) selection = `parent { ${selection} }`;
  return `{ categories { ${selection} } }`;
}

function fragmentBomb(levels: number): string {
  const fragments = [`fragment F0 on Product { sku name }`];
  for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on Product { ...F${i - 1} ... on Product { ...F${i - 1} } }`);
  return `{ product(sku: "SKU-000001") { ...F${levels} } } ${fragments.join(' ')}`;
}

const BOMBS: [string, () => unknown, number, string][] = [
  ['depth', () => ({ query: nested(14) }), 400, 'maxDepth'],
  ['aliases', () => ({ query: `{ categories { ${Array.from({ length: 40 }, (_, i) => `a${i}: name`).join(' ')} } }` }), 400, 'maxAliases'],
  ['root fields', () => ({ query: `{ ${Array.from({ length: 16 }, (_, i) => `r${i}: categories { id }`).join(' ')} }` }), 400, 'maxRootFields'],
  ['directives', () => ({ query: `{ categories { id ${'@include(if: true) '.repeat(1)} ${Array.from({ length: 60 }, (_, i) => `n${i}: name @skip(if: false)`).join(' ')} } }` }), 400, 'maxDirectives'],
  ['fragment expansion', () => ({ query: fragmentBomb(16) }), 400, 'maxSelections'],
  ['cost', () => ({ query: `{ products(first: 200) { nodes { stockLevels(first: 200) { nodes { onHand } } } } }` }), 400, 'maxCost'],
];

describe('limits before execution', () => {
  let hub: HubProcess;
  let key: string;

  beforeAll(async () => {
    hub = await startHubProcess();
    key = (await createKey(hub, ['--name', 'Storefront', '--scopes', 'catalog:read,pricing:read,inventory:read'])).key;
  });
  afterAll(async () => hub?.dispose());

  it.each(BOMBS)('refuses a %s bomb with QUERY_TOO_COMPLEX before any subgraph is called', async (_name, body, status, limit) => {
    const before = await subgraphCalls(hub);
    const result = await post(hub, body(), bearer(key));
    expect(result.status).toBe(status);
    expect(result.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
    expect(result.body.errors[0].message).toMatch(/exceeds|more than/);
    expect(await subgraphCalls(hub)).toBe(before);
  });

  it('refuses a token bomb at the parser and an oversized body before reading it, without calling a subgraph', async () => {
    const before = await subgraphCalls(hub);
    const tokens = await post(hub, { query: `{ ${'__typename '.repeat(6000)}}` }, bearer(key));
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors[0]).toMatchObject({ message: expect.stringMatching(/5000 tokens/), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    const big = await post(hub, { query: '{ __typename }', variables: { pad: 'x'.repeat(200_000) } }, bearer(key));
    expect(big.status).toBe(413);
    expect(await subgraphCalls(hub)).toBe(before);
  });

  it('refuses batched requests', async () => {
    const result = await post(hub, [{ query: '{ __typename }' }, { query: '{ __typename }' }], bearer(key));
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toMatch(/batch/i);
  });

  it('reports requested and actual cost and the bucket in extensions.cost', async () => {
    const result = await post(hub, { query: `{ products(first: 20) { nodes { sku name } } }` }, bearer(key));
    expect(result.body.extensions.cost).toEqual({
      requestedQueryCost: 21,
      actualQueryCost: 21,
      throttleStatus: { maximumAvailable: 1000, currentlyAvailable: expect.any(Number), restoreRate: 50 },
    });
    expect(result.body.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(1000 - 21 + 50);
  });
});

describe.each([
  ['in memory (embedded)', {}],
  ['in Redis (shared by every gateway)', { HUB_REDIS_URL: REDIS_URL }],
])('rate limits with buckets %s', (_where, env: Record<string, string>) => {
  let hub: HubProcess;

  beforeAll(async () => {
    hub = await startHubProcess({ env });
  });
  afterAll(async () => hub?.dispose());

  it('slows a key that spends too fast: RATE_LIMITED, HTTP 429 and a Retry-After that works', async () => {
    const limited = await createKeyByApi(hub, { name: 'Greedy', scopes: ['catalog:read'], bucketCapacity: 50, restoreRate: 1, maxCost: 50 });
    const query = { query: `{ products(first: 20) { nodes { sku } } }` };
    // Ten at once against a bucket of 50 at 21 points each: two get through, whoever they are (the 8 left take 13 s to reach 21).
    const results = await Promise.all(Array.from({ length: 10 }, () => post(hub, query, bearer(limited.key))));
    const ok = results.filter((r) => r.status === 200);
    const throttled = results.filter((r) => r.status === 429);
    expect(ok.length).toBe(2);
    expect(throttled.length).toBe(8);
    const refusal = throttled[0]!;
    const retryAfter = Number(refusal.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(codes(refusal.body)).toEqual(['RATE_LIMITED']);
    expect(refusal.body.errors[0].message).toMatch(/retry after \d+ s/);
    expect(refusal.body.extensions.cost).toMatchObject({ requestedQueryCost: 21, actualQueryCost: null, throttleStatus: { maximumAvailable: 50, restoreRate: 1 } });
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 100));
    expect((await post(hub, query, bearer(limited.key))).status).toBe(200);
    if (env.HUB_REDIS_URL) {
      const redis = new Redis(env.HUB_REDIS_URL);
      try {
        expect(await redis.hget(`hub:bucket:key:${limited.id}`, 'available')).toMatch(/^\d/);
      } finally {
        redis.disconnect();
      }
    }
  }, 120_000);

  it('keeps one key\'s spending from slowing another', async () => {
    const [a, b] = await Promise.all([
      createKeyByApi(hub, { name: 'A', scopes: ['catalog:read'], bucketCapacity: 30, restoreRate: 1, maxCost: 30 }),
      createKeyByApi(hub, { name: 'B', scopes: ['catalog:read'], bucketCapacity: 30, restoreRate: 1, maxCost: 30 }),
    ]);
    const query = { query: `{ products(first: 20) { nodes { sku } } }` };
    expect((await post(hub, query, bearer(a.key))).status).toBe(200);
    expect((await post(hub, query, bearer(a.key))).status).toBe(429);
    expect((await post(hub, query, bearer(b.key))).status).toBe(200);
  });
});
