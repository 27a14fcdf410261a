// One client subscription's undelivered results, in order; once the client falls behind, coalesced by entity (latest wins, keeping its place).
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

interface Entry {
  entity: string | null;
  result: FormattedExecutionResult;
}

/**
 * graphql-ws pulls from it (next) only after the previous message was written to the socket, so a client that
 * reads slowly holds its own results here and nobody else's. While fewer than `coalesceAfter` results wait,
 * every one is kept; beyond that the client is behind, and a result for an entity already waiting replaces the
 * waiting one in place: a slow dashboard sees every entity's latest state, never a backlog of old ones.
 */
export class ClientQueue implements AsyncIterableIterator<FormattedExecutionResult> {
  private entries: Entry[] = [];
  private head = 0;
  /** The last waiting entry of each entity. */
  private readonly latest = new Map<string, Entry>();
  private reader: ((result: IteratorResult<FormattedExecutionResult>) => void) | null = null;
  private readerFailed: ((error: unknown) => void) | null = null;
  private ended = false;
  private failure: unknown = null;

  constructor(
    private readonly budget: QueueBudget,
    private readonly stats: QueueStats,
    private readonly coalesceAfter: number,
    private readonly onClose: () => void,
  ) {}

  /** `entity` is the coalescing key (an event subject); null never coalesces. */
  push(entity: string | null, result: FormattedExecutionResult): void {
    if (this.ended) return;
    if (this.reader) {
      const read = this.reader;
      this.reader = this.readerFailed = null;
      return read({ value: result, done: false });
    }
    const waiting = entity === null ? undefined : this.latest.get(entity);
    if (waiting && this.size >= this.coalesceAfter) {
      waiting.result = result;
      return this.stats.coalesced();
    }
    const entry: Entry = { entity, result };
    this.entries.push(entry);
    if (entity !== null) this.latest.set(entity, entry);
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
    if (this.reader && this.size === 0) this.settle({ value: undefined, done: true });
  }

  get size(): number {
    return this.entries.length - this.head;
  }

  next(): Promise<IteratorResult<FormattedExecutionResult>> {
    if (this.size > 0) {
      const entry = this.entries[this.head++]!;
      if (entry.entity !== null && this.latest.get(entry.entity) === entry) this.latest.delete(entry.entity);
      this.budget.queued--;
      // Compact now and then rather than shift() each time (O(n) per read on a long queue).
      if (this.head > 1024 && this.head * 2 > this.entries.length) {
        this.entries = this.entries.slice(this.head);
        this.head = 0;
      }
      return Promise.resolve({ value: entry.result, done: false });
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
    this.budget.queued -= this.size;
    this.entries = [];
    this.head = 0;
    this.latest.clear();
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
