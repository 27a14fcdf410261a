// A circuit breaker: stops calling a system that keeps failing, then lets one probe at a time through until it answers.

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. @default 5 */
  failureThreshold?: number;
  /** How long the circuit stays open before the first probe, in ms. @default 1000 */
  openMs?: number;
  /** Each failed probe doubles the open time, up to this, in ms. @default 30_000 */
  maxOpenMs?: number;
  /** Milliseconds now; a real monotonic clock by default (the breaker protects a real system in real time). */
  now?: () => number;
  /** Told of every state change (logs, metrics). */
  onStateChange?: (from: BreakerState, to: BreakerState) => void;
}

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openUntil = 0;
  private openFor: number;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions = {}) {
    this.openFor = options.openMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  get state(): BreakerState {
    return this.current;
  }

  /** Whether ordinary calls may go through now (only while closed). */
  allowsRequests(): boolean {
    return this.current === 'closed';
  }

  /**
   * Whether it is time for a probe: true once the open period has passed, and the circuit is then
   * half-open until the probe's outcome is recorded. Only one probe is let through at a time.
   */
  tryProbe(): boolean {
    if (this.current !== 'open' || this.now() < this.openUntil) return false;
    this.move('half-open');
    return true;
  }

  /** Milliseconds until the next probe is due (0 when closed or due now). */
  msUntilProbe(): number {
    return this.current === 'open' ? Math.max(0, this.openUntil - this.now()) : 0;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openFor = this.options.openMs ?? 1000;
    if (this.current !== 'closed') this.move('closed');
  }

  recordFailure(): void {
    if (this.current === 'half-open') {
      // The system is still down: wait longer before the next probe.
      this.openFor = Math.min(this.options.maxOpenMs ?? 30_000, this.openFor * 2);
      return this.open();
    }
    if (this.current === 'open') return;
    this.failures++;
    if (this.failures >= (this.options.failureThreshold ?? 5)) this.open();
  }

  private open(): void {
    this.openUntil = this.now() + this.openFor;
    this.move('open');
  }

  private move(to: BreakerState): void {
    const from = this.current;
    this.current = to;
    if (from !== to) this.options.onStateChange?.(from, to);
  }
}
