// One subscription to a subgraph over graphql-ws, shared by every execution group that needs it: resubscribes from its cursor, drops repeats.
import type { Client } from 'graphql-ws';
import type { GraphQLFormattedError } from 'graphql';
import type { EventMeta, Logger } from '@retail-hub/platform';
import type { UpstreamResult } from './event-executor.js';

export interface UpstreamListener {
  event(result: UpstreamResult, meta: EventMeta | null): void;
  /** The subgraph refused the subscription for good (bad arguments, no access): the listener ends. */
  failed(errors: readonly GraphQLFormattedError[]): void;
}

export interface UpstreamSubscriptionOptions {
  client: Client;
  subgraph: string;
  query: string;
  variables: Record<string, unknown>;
  logger: Logger;
  onResubscribe(): void;
  onDuplicate(): void;
}

/** Ids of the latest events kept to recognise one delivered again after a resubscription. */
const SEEN_WINDOW = 4_096;
const BACKOFF_MS = [50, 100, 250, 500, 1_000, 2_000];

/**
 * A subgraph that restarts closes the socket (or completes the stream); the subscription is sent again with
 * `extensions.resumeAfter` (the feed position of the last event received), and the subgraph replays what came
 * after it. Anything seen twice (same event id) is dropped, so listeners see no gap, no repeat and no error.
 */
export class UpstreamSubscription {
  private readonly listeners = new Set<UpstreamListener>();
  private readonly seen = new Set<string>();
  private readonly seenOrder: string[] = [];
  private cursor: EventMeta['cursor'] | null = null;
  private dispose: (() => void) | null = null;
  private attempt = 0;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: UpstreamSubscriptionOptions) {}

  add(listener: UpstreamListener): void {
    this.listeners.add(listener);
    if (!this.dispose && !this.closed) this.subscribe();
  }

  /** Returns true when the last listener left and the upstream subscription was closed. */
  remove(listener: UpstreamListener): boolean {
    this.listeners.delete(listener);
    if (this.listeners.size > 0) return false;
    this.close();
    return true;
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.dispose?.();
    this.dispose = null;
  }

  private subscribe(): void {
    const extensions = this.cursor ? { resumeAfter: this.cursor } : undefined;
    let ended = false;
    const end = (retry: boolean, reason?: unknown) => {
      if (ended) return;
      ended = true;
      this.dispose = null;
      if (this.closed) return;
      if (retry) this.retry(reason);
    };
    this.dispose = this.options.client.subscribe(
      { query: this.options.query, variables: this.options.variables, extensions },
      {
        next: (result) => this.receive(result as UpstreamResult & { extensions?: { event?: EventMeta } }),
        error: (error) => {
          const errors = Array.isArray(error) ? (error as GraphQLFormattedError[]) : null;
          // GraphQL errors are the subgraph's answer (final, unless it says to retry); anything else is the connection.
          if (errors && !errors.some((e) => e.extensions?.retryable)) {
            end(false);
            this.closed = true;
            for (const listener of [...this.listeners]) listener.failed(errors);
            return;
          }
          end(true, error);
        },
        // A live stream never completes on its own: the subgraph is stopping.
        complete: () => end(true, 'completed'),
      },
    );
  }

  private receive(result: UpstreamResult & { extensions?: { event?: EventMeta } }): void {
    this.attempt = 0;
    const meta = result.extensions?.event ?? null;
    if (meta) {
      this.cursor = meta.cursor;
      if (this.seen.has(meta.id)) return this.options.onDuplicate();
      this.seen.add(meta.id);
      this.seenOrder.push(meta.id);
      if (this.seenOrder.length > SEEN_WINDOW) this.seen.delete(this.seenOrder.shift()!);
    }
    const upstream: UpstreamResult = { data: result.data, errors: result.errors };
    for (const listener of this.listeners) listener.event(upstream, meta);
  }

  private retry(reason: unknown): void {
    const delay = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)]!;
    if (this.attempt === 1) this.options.logger.warn({ subgraph: this.options.subgraph, reason: describe(reason) }, 'subscription to subgraph lost; resubscribing from its last event');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.closed) return;
      this.options.onResubscribe();
      this.subscribe();
    }, delay);
  }
}

function describe(reason: unknown): string {
  if (reason && typeof reason === 'object' && 'code' in reason) return `closed ${(reason as { code: unknown }).code}`;
  return reason instanceof Error ? reason.message : String(reason);
}
