// Backoff, circuit breaker and token bucket: the arithmetic the ERP dispatchers rely on.
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, retryWithBackoff } from './backoff.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { TokenBucket } from './token-bucket.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';

describe('backoffDelayMs', () => {
  it('doubles the ceiling per attempt, keeps half of it fixed, and stops at the cap', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, { baseMs: 100, random: low }))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, { baseMs: 100, random: high }))).toEqual([100, 200, 400, 800]);
    expect(backoffDelayMs(30, { baseMs: 100, capMs: 5000, random: high })).toBe(5000);
    expect(backoffDelayMs(1000, { baseMs: 100, capMs: 5000, random: low })).toBe(2500);
  });

  it('spreads callers that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(5, { baseMs: 100 })));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('retryWithBackoff', () => {
  it('retries until success, and gives up on an error that is not retryable', async () => {
    const waits: number[] = [];
    let calls = 0;
    const value = await retryWithBackoff(async () => (++calls < 3 ? Promise.reject(new Error('down')) : 'ok'), { attempts: 5, baseMs: 10, sleep: async (ms) => void waits.push(ms) });
    expect(value).toBe('ok');
    expect(waits).toHaveLength(2);
    let tries = 0;
    await expect(retryWithBackoff(async () => Promise.reject(new Error(`bad ${++tries}`)), { attempts: 5, retryable: () => false, sleep: async () => undefined })).rejects.toThrow('bad 1');
  });
});

describe('CircuitBreaker', () => {
  it('opens after the threshold, lets one probe through after the open time, and closes when it answers', () => {
    let now = 0;
    const changes: string[] = [];
    const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 1000, now: () => now, onStateChange: (f, t) => changes.push(`${f}->${t}`) });
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.allowsRequests()).toBe(true);
    breaker.recordFailure();
    expect(breaker.allowsRequests()).toBe(false);
    expect(breaker.tryProbe()).toBe(false);
    now = 1000;
    expect(breaker.tryProbe()).toBe(true);
    expect(breaker.tryProbe()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.allowsRequests()).toBe(true);
    expect(changes).toEqual(['closed->open', 'open->half-open', 'half-open->closed']);
  });

  it('waits twice as long after each failed probe, up to the maximum', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 100, maxOpenMs: 300, now: () => now });
    breaker.recordFailure();
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      gaps.push(breaker.msUntilProbe());
      now += breaker.msUntilProbe();
      expect(breaker.tryProbe()).toBe(true);
      breaker.recordFailure();
    }
    expect(gaps).toEqual([100, 200, 300, 300]);
  });

  it('counts only consecutive failures', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, now: () => 0 });
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
  });
});

describe('TokenBucket', () => {
  it('lets a burst through, then paces to the rate', () => {
    let now = 0;
    const bucket = new TokenBucket({ ratePerSecond: 100, burst: 50, now: () => now });
    expect(bucket.take(50)).toBe(0);
    expect(bucket.take(50)).toBe(500);
    now = 500;
    expect(bucket.take(10)).toBe(100);
    now = 10_000;
    expect(bucket.take(50)).toBe(0);
  });
});

describe('ConcurrencyLimiter', () => {
  it('runs at most N at once, in arrival order', async () => {
    const limiter = new ConcurrencyLimiter(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        limiter.run(async () => {
          started.push(i);
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, 5));
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
