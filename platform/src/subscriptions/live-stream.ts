// One subscriber's queue of live items as an async iterator: the producer offers, the subscriber pulls; bounded.
import { hubError } from '../errors/hub-errors.js';

export interface LiveStreamOptions {
  /** Items held undelivered before the stream fails as too slow. */
  capacity: number;
  /** Called once when the stream ends, however it ends. */
  onClose?: () => void;
}

export class LiveStream<T> implements AsyncIterableIterator<T> {
  /** Which items the producer offers this stream; set by whoever opens it. */
  filter: (item: T) => boolean = () => true;
  private queue: T[] = [];
  private head = 0;
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private failWaiting: ((error: unknown) => void) | null = null;
  private error: unknown = null;
  private done = false;

  constructor(private readonly options: LiveStreamOptions) {}

  offer(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      return resolve({ value: item, done: false });
    }
    this.queue.push(item);
    if (this.queue.length - this.head > this.options.capacity) {
      // The subscriber resumes from its cursor; an unbounded backlog would take the whole service down instead.
      this.fail(hubError('SERVICE_UNAVAILABLE', 'The subscriber fell too far behind; resubscribe to resume', { retryable: true }));
    }
  }

  /** Ends the stream after what is queued has been read. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.options.onClose?.();
    if (this.waiting && this.head >= this.queue.length) this.settle({ value: undefined, done: true });
  }

  /** Ends the stream with an error, dropping what is queued. */
  fail(error: unknown): void {
    if (this.error) return;
    this.error = error;
    this.queue = [];
    this.head = 0;
    const reject = this.failWaiting;
    this.waiting = this.failWaiting = null;
    this.end();
    reject?.(error);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.queue.length) {
      const value = this.queue[this.head++]!;
      // Compact now and then rather than shift() each time (O(n) per read on a long queue).
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.error) return Promise.reject(this.error);
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.queue = [];
    this.head = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.fail(error);
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private settle(result: IteratorResult<T>): void {
    const resolve = this.waiting;
    this.waiting = this.failWaiting = null;
    resolve?.(result);
  }
}
