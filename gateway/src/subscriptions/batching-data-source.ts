// Batches the _entities calls of concurrent event executions into one subgraph call: per event in the plan, per batch on the wire.
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GatewayContext } from '../gateway-context.js';
import { copyAlias, EntitiesQueryMerger } from './merged-entities-query.js';

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

interface Waiter {
  options: Options;
  representations: unknown[];
  /** The call's variables besides the representations, and their JSON: calls with the same ones share a copy. */
  others: Record<string, unknown>;
  othersKey: string;
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
 * Calls with the same operation and the same caller (one shared subscription's claims object) are merged: those
 * with the same other variables share one representations list, the others go as aliased copies of the fetch in
 * the same request (see EntitiesQueryMerger), so a price asked for 100 dashboards' stores is one call, not 100.
 * A batch leaves at the end of the current turn of the event loop, or, when `concurrency` calls of its kind are
 * already out, as soon as one returns: under load batches grow instead of calls queueing.
 */
export class BatchingDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly lanes = new Map<string, Lane>();
  private readonly claimsIds = new WeakMap<object, number>();
  private nextClaimsId = 0;
  private readonly merger = new EntitiesQueryMerger();

  constructor(private readonly inner: GraphQLDataSource<GatewayContext>, private readonly concurrency: number) {}

  process(options: Options): Promise<GatewayGraphQLResponse> {
    const { representations, ...others } = options.request.variables ?? {};
    if (!Array.isArray(representations) || !('incomingRequestContext' in options)) return this.inner.process(options);
    const query = options.request.query!;
    const othersKey = JSON.stringify(others);
    const key = `${this.claimsId(options.context.claims)}\n${query}${this.merger.mergeable(query) ? '' : `\n${othersKey}`}`;
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { waiting: [], inFlight: 0, scheduled: false }));
    const laneRef = lane;
    return new Promise((resolve, reject) => {
      laneRef.waiting.push({ options, representations, others, othersKey, resolve, reject });
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
      const copies = new Map<string, Waiter[]>();
      const maxCopies = this.merger.maxCopies(lane.waiting[0]!.options.request.query!);
      let size = 0;
      while (lane.waiting.length && (size === 0 || size + lane.waiting[0]!.representations.length <= MAX_BATCH)) {
        const waiter = lane.waiting[0]!;
        const copy = copies.get(waiter.othersKey);
        if (copy) copy.push(waiter);
        else if (copies.size < maxCopies) copies.set(waiter.othersKey, [waiter]);
        else break;
        lane.waiting.shift();
        size += waiter.representations.length;
      }
      const batch = [...copies.values()];
      lane.inFlight++;
      void this.send(batch).finally(() => {
        lane.inFlight--;
        if (lane.waiting.length) this.schedule(key, lane);
        else if (lane.inFlight === 0) this.lanes.delete(key);
      });
    }
  }

  /** One call for the batch: a copy of the fetch per distinct set of other variables, unless there is only one. */
  private async send(batch: Waiter[][]): Promise<void> {
    const first = batch[0]![0]!.options;
    const representationsOf = (copy: Waiter[]) => copy.flatMap((w) => w.representations);
    const alone = async (copy: Waiter[]) => {
      const options = copy[0]!.options;
      const variables = { ...options.request.variables, representations: representationsOf(copy) };
      share(copy, await this.inner.process({ ...options, request: { ...options.request, variables } } as Options));
    };
    try {
      if (batch.length === 1) return await alone(batch[0]!);
      const query = this.merger.merged(first.request.query!, batch.length);
      const variables = this.merger.variables(batch.map((copy) => ({ ...copy[0]!.others, representations: representationsOf(copy) })));
      const response = await this.inner.process({ ...first, request: { ...first.request, query, variables } } as Options);
      // No data at all: one copy's failure nulled the whole answer (`_entities` is non-null), or the request was
      // refused. Each copy goes again on its own, so the others get their entities and each its own errors.
      if (!response.data) return void (await Promise.all(batch.map((copy) => alone(copy).catch((error: unknown) => copy.forEach((w) => w.reject(error))))));
      batch.forEach((copy, index) => share(copy, copyOf(response, copyAlias(index))));
    } catch (error) {
      for (const waiter of batch.flat()) waiter.reject(error);
    }
  }

  private claimsId(claims: object): number {
    let id = this.claimsIds.get(claims);
    if (id === undefined) this.claimsIds.set(claims, (id = this.nextClaimsId++));
    return id;
  }
}

/** Each caller's part of one copy's answer, in the order their representations were sent. */
function share(copy: Waiter[], response: GatewayGraphQLResponse): void {
  let offset = 0;
  for (const waiter of copy) {
    waiter.resolve(slice(response, offset, waiter.representations.length));
    offset += waiter.representations.length;
  }
}

/** One copy's answer in a merged call, as if it had been sent alone: its entities and errors, and errors about all. */
function copyOf(response: GatewayGraphQLResponse, alias: string): GatewayGraphQLResponse {
  const data = response.data as Record<string, unknown> | null | undefined;
  const errors = response.errors
    ?.map((error) => {
      const field = error.path?.[0];
      if (field === alias) return { ...error, path: ['_entities', ...error.path!.slice(1)] };
      return typeof field === 'string' && /^_\d+$/.test(field) ? null : error;
    })
    .filter((e) => e !== null);
  return { ...response, data: data ? { _entities: data[alias] } : data, errors: errors?.length ? errors : undefined };
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
