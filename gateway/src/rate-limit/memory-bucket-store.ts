// Buckets in this process's memory: the embedded (one gateway) mode.
import { levelAt, takeFrom, type BucketLevel, type BucketLimits, type BucketStore, type TakeResult } from './bucket-store.js';

export class MemoryBucketStore implements BucketStore {
  private readonly levels = new Map<string, BucketLevel>();

  constructor(private readonly now: () => number = Date.now, private readonly maxBuckets = 100_000) {}

  // Synchronous inside: JavaScript runs one take at a time, which makes it atomic.
  async take(bucket: string, cost: number, limits: BucketLimits): Promise<TakeResult> {
    const now = this.now();
    const result = takeFrom(levelAt(this.levels.get(bucket), now, limits), cost, limits);
    this.save(bucket, { available: result.available, atMs: now });
    return result;
  }

  async refund(bucket: string, points: number, limits: BucketLimits): Promise<number> {
    const now = this.now();
    const available = Math.min(limits.capacity, levelAt(this.levels.get(bucket), now, limits) + Math.max(0, points));
    this.save(bucket, { available, atMs: now });
    return available;
  }

  async close(): Promise<void> {
    this.levels.clear();
  }

  private save(bucket: string, level: BucketLevel): void {
    // Re-inserted on every touch, so the map's order is least recently used first.
    this.levels.delete(bucket);
    this.levels.set(bucket, level);
    if (this.levels.size <= this.maxBuckets) return;
    // Many distinct callers (anonymous addresses): forget the least recently seen, whose buckets refilled the longest.
    for (const name of this.levels.keys()) {
      if (this.levels.size <= this.maxBuckets * 0.9) break;
      this.levels.delete(name);
    }
  }
}
