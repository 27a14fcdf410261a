// A token bucket: paces work to a rate (e.g. ERP postings per second), with a small burst allowance.

export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Most tokens the bucket holds (the largest burst). @default ratePerSecond */
  burst?: number;
  /** Milliseconds now; a real monotonic clock by default (pacing protects a real system in real time). */
  now?: () => number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly burst: number;
  private readonly now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be above 0');
    this.burst = options.burst ?? options.ratePerSecond;
    this.now = options.now ?? (() => performance.now());
    this.tokens = this.burst;
    this.last = this.now();
  }

  /**
   * Takes n tokens and returns how long to wait (ms) before using them: 0 when the bucket had
   * them, else the time the rate needs to earn the shortfall. The tokens are taken either way, so
   * callers that wait their turn keep the rate without a queue.
   */
  take(n: number): number {
    this.refill();
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.options.ratePerSecond) * 1000);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.options.ratePerSecond);
    this.last = now;
  }
}
