// Exponential backoff with jitter, so the retries of many callers spread out instead of arriving at a recovering system together.

export interface BackoffOptions {
  /** Delay ceiling of the first retry, in ms. @default 500 */
  baseMs?: number;
  /** No delay is longer than this, in ms. @default 60_000 */
  capMs?: number;
  /** Source of randomness in [0, 1); tests pass a fixed one. @default Math.random */
  random?: () => number;
}

/**
 * The wait before retry number `attempt` (1 = the first retry): a ceiling of base * 2^(attempt - 1),
 * capped, of which the first half is fixed and the second half random ("equal jitter"). The fixed
 * half keeps a retry from landing immediately; the random half keeps callers that failed together
 * from retrying together.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const cap = options.capMs ?? 60_000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(ceiling / 2 + (options.random ?? Math.random)() * (ceiling / 2));
}

export interface RetryOptions extends BackoffOptions {
  /** Tries in all, the first included. @default 3 */
  attempts?: number;
  /** Whether an error is worth another try. @default every error */
  retryable?: (error: unknown) => boolean;
  /** Waits between tries; tests pass one that does not. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

/** Runs fn until it succeeds, an error is not retryable, or the attempts run out (then the last error is thrown). */
export async function retryWithBackoff<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 3;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || (options.retryable && !options.retryable(error))) throw error;
      await sleep(backoffDelayMs(attempt, options));
    }
  }
}
