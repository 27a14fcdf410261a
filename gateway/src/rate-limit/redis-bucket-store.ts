// Buckets in Redis: shared by every gateway replica (distributed mode), each take one atomic script on Redis's clock.
import { Redis } from 'ioredis';
import type { BucketLimits, BucketStore, TakeResult } from './bucket-store.js';

// Redis's own clock, so replicas with skewed clocks still agree; floats travel as strings (Lua numbers become integers).
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cost, capacity, rate = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'available', 'at')
local available = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
available = math.min(capacity, available + math.max(0, now - at) * rate / 1000)
local allowed, retry = 0, 0
if available >= cost then
  available = available - cost
  allowed = 1
else
  retry = math.ceil((cost - available) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'available', tostring(available), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - available) * 1000 / rate) + 1000)
return { allowed, tostring(available), retry }
`;

const REFUND = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local points, capacity, rate = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'available', 'at')
local available = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
available = math.min(capacity, available + math.max(0, now - at) * rate / 1000 + points)
redis.call('HSET', KEYS[1], 'available', tostring(available), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - available) * 1000 / rate) + 1000)
return tostring(available)
`;

export interface RedisBucketStoreOptions {
  /** e.g. redis://127.0.0.1:6379 */
  url: string;
  /** Prefix of every bucket key. @default 'hub:bucket:' */
  prefix?: string;
}

export class RedisBucketStore implements BucketStore {
  private readonly redis: Redis;
  private readonly prefix: string;

  private readonly connected: Promise<void>;

  constructor(options: RedisBucketStoreOptions) {
    // Fail fast rather than queue: a request waiting on a Redis that is down is worse than one refused.
    this.redis = new Redis(options.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
    this.prefix = options.prefix ?? 'hub:bucket:';
    this.connected = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Redis did not answer within 3 s')), 3000);
      this.redis.once('ready', () => (clearTimeout(timer), resolve()));
    });
    this.connected.catch(() => undefined);
  }

  /** Resolves once connected; rejects when Redis cannot be reached. */
  ready(): Promise<void> {
    return this.connected;
  }

  async take(bucket: string, cost: number, limits: BucketLimits): Promise<TakeResult> {
    await this.connected;
    const [allowed, available, retry] = (await this.redis.eval(TAKE, 1, this.prefix + bucket, cost, limits.capacity, limits.restoreRate)) as [number, string, number];
    return { allowed: allowed === 1, available: Number(available), retryAfterMs: Number(retry) };
  }

  async refund(bucket: string, points: number, limits: BucketLimits): Promise<number> {
    await this.connected;
    return Number(await this.redis.eval(REFUND, 1, this.prefix + bucket, Math.max(0, points), limits.capacity, limits.restoreRate));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
