// Both bucket stores: leaky-bucket arithmetic, refunds, and no overspending under parallel takes (Redis: from two gateways).
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { levelAt, takeFrom, type BucketStore } from './bucket-store.js';
import { MemoryBucketStore } from './memory-bucket-store.js';
import { RedisBucketStore } from './redis-bucket-store.js';

const REDIS_URL = process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const limits = { capacity: 100, restoreRate: 10 };

describe('leaky bucket arithmetic', () => {
  it('refills at the restore rate up to capacity, and says how long to wait', () => {
    expect(levelAt(undefined, 0, limits)).toBe(100);
    expect(levelAt({ available: 20, atMs: 1000 }, 3000, limits)).toBe(40);
    expect(levelAt({ available: 90, atMs: 0 }, 60_000, limits)).toBe(100);
    expect(takeFrom(40, 30, limits)).toEqual({ allowed: true, available: 10, retryAfterMs: 0 });
    expect(takeFrom(10, 30, limits)).toEqual({ allowed: false, available: 10, retryAfterMs: 2000 });
  });
});

const stores: [string, () => BucketStore][] = [
  ['memory', () => new MemoryBucketStore()],
  ['redis', () => new RedisBucketStore({ url: REDIS_URL, prefix: `test:${randomBytes(4).toString('hex')}:` })],
];

describe.each(stores)('%s bucket store', (_name, make) => {
  const opened: BucketStore[] = [];
  const open = () => {
    const store = make();
    opened.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
  });

  it('takes, refuses when empty, and refunds', async () => {
    const store = open();
    const slow = { capacity: 100, restoreRate: 1 };
    expect(await store.take('k', 70, slow)).toMatchObject({ allowed: true, available: expect.closeTo(30, 0) });
    const refused = await store.take('k', 50, slow);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(19_000);
    expect(await store.refund('k', 40, slow)).toBeCloseTo(70, 0);
    expect((await store.take('k', 50, slow)).allowed).toBe(true);
    expect((await store.take('other', 100, slow)).allowed).toBe(true);
  });

  it('never lets parallel takes spend more than the bucket holds', async () => {
    const store = open();
    const results = await Promise.all(Array.from({ length: 50 }, () => store.take('race', 10, { capacity: 100, restoreRate: 0.001 })));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});

describe('redis buckets shared by two gateways', () => {
  it('is one bucket per key however many gateways take from it', async () => {
    const prefix = `test:${randomBytes(4).toString('hex')}:`;
    const [a, b] = [new RedisBucketStore({ url: REDIS_URL, prefix }), new RedisBucketStore({ url: REDIS_URL, prefix })];
    try {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).take('shared', 10, { capacity: 100, restoreRate: 0.001 })));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
