// The leaky bucket of cost points each caller spends from: the interface both stores implement, and its arithmetic.

export interface BucketLimits {
  /** The most points the bucket holds (and a fresh bucket starts with). */
  capacity: number;
  /** Points that flow back per second, up to capacity. */
  restoreRate: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Points left after this take (or, when refused, now). */
  available: number;
  /** When refused: how long until enough points are back. */
  retryAfterMs: number;
}

/**
 * Where buckets live: in memory for one embedded gateway, in Redis when gateways are replicated so a key's
 * spending is one bucket however many gateways it hits. Both must take atomically: two requests racing
 * for the last points may not both get them.
 */
export interface BucketStore {
  take(bucket: string, cost: number, limits: BucketLimits): Promise<TakeResult>;
  /** Gives points back (an estimate that proved too high); returns what is available after. */
  refund(bucket: string, points: number, limits: BucketLimits): Promise<number>;
  close(): Promise<void>;
}

export interface BucketLevel {
  available: number;
  atMs: number;
}

/** The level now: what was left, plus what has flowed back since, never above capacity. */
export function levelAt(level: BucketLevel | undefined, nowMs: number, limits: BucketLimits): number {
  if (!level) return limits.capacity;
  return Math.min(limits.capacity, level.available + (Math.max(0, nowMs - level.atMs) * limits.restoreRate) / 1000);
}

export function takeFrom(available: number, cost: number, limits: BucketLimits): TakeResult {
  if (available >= cost) return { allowed: true, available: available - cost, retryAfterMs: 0 };
  return { allowed: false, available, retryAfterMs: Math.ceil(((cost - available) * 1000) / limits.restoreRate) };
}
