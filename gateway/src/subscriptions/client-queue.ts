// One client subscription's undelivered results: coalesced by entity (latest wins, keeping its place), bounded per connection.
import type { FormattedExecutionResult } from 'graphql';

/** Shared by the queues of one connection: how much it holds undelivered, and what to do when it holds too much. */
export interface QueueBudget {
  queued: number;
  readonly limit: number;
  /** Called once the connection passes its limit (the server closes it as a slow consumer). */
  overflow(): void;
}

export interface QueueStats {
  coalesced(): void;
}

/**
 * graphql-ws pulls from it (next) only after the previous message was written to the socket, so a client that
 * reads slowly holds its own results here and nobody else's. A result for an entity already waiting replaces
 * the waiting one in place: a slow dashboard sees every entity's latest state, never a backlog of old ones.
 */
export class ClientQueue implements AsyncIterableIterator<FormattedExecutionResult> {
  private readonly waitingResults = new Map<string | number, FormattedExecutionResult>();
  private anonymous = 0;
  private reader: ((result: IteratorResult<FormattedExecutionResult>) => void) | null = null;
  private readerFailed: ((error: unknown) => void) | null = null;
  private ended = false;
  private failure: unknown = null;

  constructor(private readonly budget: QueueBudget, private readonly stats: QueueStats, private readonly onClose: () => void) {}

  /** `entity` is the coalescing key (an event subject); null never coalesces. */
  push(entity: string | null, result: FormattedExecutionResult): void {
    if (this.ended) return;
    if (this.reader) {
      const read = this.reader;
      this.reader = this.readerFailed = null;
      return read({ value: result, done: false });
    }
    if (entity !== null && this.waitingResults.has(entity)) {
      this.waitingResults.set(entity, result);
      return this.stats.coalesced();
    }
    this.waitingResults.set(entity ?? this.anonymous++, result);
    if (++this.budget.queued > this.budget.limit) this.budget.overflow();
  }

  /** Ends the subscription with an error message to the client (e.g. the upstream refused it). */
  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = error;
    this.drop();
    const failed = this.readerFailed;
    this.reader = this.readerFailed = null;
    this.finish();
    failed?.(error);
  }

  /** Ends the subscription after what is waiting has been read. */
  complete(): void {
    if (this.ended) return;
    this.finish();
    if (this.reader && this.waitingResults.size === 0) this.settle({ value: undefined, done: true });
  }

  get size(): number {
    return this.waitingResults.size;
  }

  next(): Promise<IteratorResult<FormattedExecutionResult>> {
    const first = this.waitingResults.entries().next();
    if (!first.done) {
      const [entity, result] = first.value;
      this.waitingResults.delete(entity);
      this.budget.queued--;
      return Promise.resolve({ value: result, done: false });
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.reader = resolve;
      this.readerFailed = reject;
    });
  }

  return(): Promise<IteratorResult<FormattedExecutionResult>> {
    this.drop();
    this.finish();
    this.settle({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<FormattedExecutionResult>> {
    this.fail(error);
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private drop(): void {
    this.budget.queued -= this.waitingResults.size;
    this.waitingResults.clear();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.onClose();
  }

  private settle(result: IteratorResult<FormattedExecutionResult>): void {
    const read = this.reader;
    this.reader = this.readerFailed = null;
    read?.(result);
  }
}
