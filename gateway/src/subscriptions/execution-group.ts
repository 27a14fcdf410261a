// The clients of one (operation, variables, access): each event is executed once for all of them and delivered in event order.
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { EventMeta, Logger } from '@retail-hub/platform';
import type { ClientQueue } from './client-queue.js';
import type { EventExecutor, UpstreamResult } from './event-executor.js';
import type { UpstreamListener } from './upstream-subscription.js';

interface Pending {
  upstream: UpstreamResult;
  entity: string | null;
}

export interface ExecutionGroupOptions {
  executor: EventExecutor;
  maxInFlight: number;
  logger: Logger;
  onCoalesced(): void;
}

/**
 * Executions run concurrently (their subgraph calls batch together), results are delivered in the order the
 * events came. When `maxInFlight` executions are out, waiting events are coalesced by entity, as a slow client's are.
 */
export class ExecutionGroup implements UpstreamListener {
  readonly clients = new Set<ClientQueue>();
  private readonly waiting = new Map<string | number, Pending>();
  private anonymous = 0;
  private inFlight = 0;
  private delivered: Promise<void> = Promise.resolve();

  constructor(private readonly options: ExecutionGroupOptions) {}

  event(upstream: UpstreamResult, meta: EventMeta | null): void {
    const entity = meta?.subject ?? null;
    if (entity !== null && this.waiting.has(entity)) {
      this.waiting.set(entity, { upstream, entity });
      this.options.onCoalesced();
    } else {
      this.waiting.set(entity ?? this.anonymous++, { upstream, entity });
    }
    this.pump();
  }

  failed(errors: readonly GraphQLFormattedError[]): void {
    const first = errors[0];
    const error = new GraphQLError(first?.message ?? 'The subscription was refused', { extensions: first?.extensions });
    for (const client of [...this.clients]) client.fail(error);
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.size > 0) {
      const [key, pending] = this.waiting.entries().next().value!;
      this.waiting.delete(key);
      this.inFlight++;
      const result = this.options.executor.execute(pending.upstream).catch((error: unknown) => this.unexpected(error));
      // Chained in start order, so each entity's results reach clients in the order its events happened.
      this.delivered = this.delivered
        .then(() => result)
        .then((value) => {
          this.inFlight--;
          for (const client of this.clients) client.push(pending.entity, value);
          this.pump();
        });
    }
  }

  private unexpected(error: unknown): FormattedExecutionResult {
    this.options.logger.error({ err: error }, 'subscription event execution failed');
    return { data: null, errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
  }
}
