// Batches the _entities calls of concurrent event executions into one subgraph call: per event in the plan, per batch on the wire.
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GatewayContext } from '../gateway-context.js';

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

interface Waiter {
  options: Options;
  representations: unknown[];
  resolve(response: GatewayGraphQLResponse): void;
  reject(error: unknown): void;
}

interface Lane {
  waiting: Waiter[];
  inFlight: number;
  scheduled: boolean;
}

/** The most representations in one call; larger batches are split. */
const MAX_BATCH = 500;

/**
 * Calls with the same operation, the same other variables and the same caller (one shared subscription's
 * claims object) are merged. A batch leaves at the end of the current turn of the event loop, or, when
 * `concurrency` calls of its kind are already out, as soon as one returns: under load batches grow instead
 * of calls queueing.
 */
export class BatchingDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly lanes = new Map<string, Lane>();
  private readonly claimsIds = new WeakMap<object, number>();
  private nextClaimsId = 0;

  constructor(private readonly inner: GraphQLDataSource<GatewayContext>, private readonly concurrency: number) {}

  process(options: Options): Promise<GatewayGraphQLResponse> {
    const { representations, ...others } = options.request.variables ?? {};
    if (!Array.isArray(representations) || !('incomingRequestContext' in options)) return this.inner.process(options);
    const key = `${this.claimsId(options.context.claims)}\n${options.request.query}\n${JSON.stringify(others)}`;
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { waiting: [], inFlight: 0, scheduled: false }));
    const laneRef = lane;
    return new Promise((resolve, reject) => {
      laneRef.waiting.push({ options, representations, resolve, reject });
      this.schedule(key, laneRef);
    });
  }

  private schedule(key: string, lane: Lane): void {
    if (lane.scheduled || lane.inFlight >= this.concurrency) return;
    lane.scheduled = true;
    setImmediate(() => {
      lane.scheduled = false;
      this.flush(key, lane);
    });
  }

  private flush(key: string, lane: Lane): void {
    while (lane.waiting.length && lane.inFlight < this.concurrency) {
      const batch: Waiter[] = [];
      let size = 0;
      while (lane.waiting.length && (batch.length === 0 || size + lane.waiting[0]!.representations.length <= MAX_BATCH)) {
        const waiter = lane.waiting.shift()!;
        size += waiter.representations.length;
        batch.push(waiter);
      }
      lane.inFlight++;
      void this.send(batch).finally(() => {
        lane.inFlight--;
        if (lane.waiting.length) this.schedule(key, lane);
        else if (lane.inFlight === 0) this.lanes.delete(key);
      });
    }
  }

  private async send(batch: Waiter[]): Promise<void> {
    const first = batch[0]!.options;
    const representations = batch.flatMap((w) => w.representations);
    try {
      const response = await this.inner.process({ ...first, request: { ...first.request, variables: { ...first.request.variables, representations } } } as Options);
      let offset = 0;
      for (const waiter of batch) {
        waiter.resolve(slice(response, offset, waiter.representations.length));
        offset += waiter.representations.length;
      }
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  }

  private claimsId(claims: object): number {
    let id = this.claimsIds.get(claims);
    if (id === undefined) this.claimsIds.set(claims, (id = this.nextClaimsId++));
    return id;
  }
}

/** One caller's part of a batched answer: its entities, and the errors about them (paths rebased) or about all. */
function slice(response: GatewayGraphQLResponse, offset: number, count: number): GatewayGraphQLResponse {
  const data = response.data as { _entities?: unknown[] } | null | undefined;
  const entities = data?._entities?.slice(offset, offset + count);
  const errors = response.errors
    ?.map((error) => {
      const index = error.path?.[0] === '_entities' ? error.path[1] : undefined;
      if (typeof index !== 'number') return error;
      if (index < offset || index >= offset + count) return null;
      return { ...error, path: ['_entities', index - offset, ...error.path!.slice(2)] };
    })
    .filter((e) => e !== null);
  return { ...response, data: data ? { ...data, _entities: entities } : data, errors: errors?.length ? errors : undefined };
}
