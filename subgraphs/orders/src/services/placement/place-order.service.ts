// placeOrder with Stripe's idempotency: one order per key, the first outcome replayed, a key reused for other input refused.
import { createHash, randomInt } from 'node:crypto';
import { ConcurrencyLimiter, forbidden, hasScope, hubError, SagaAbort, supplierPartnerId, type Claims, type Clock, type SagaRunner, type Workflow } from '@retail-hub/platform';
import type { IdempotencyKeyRepository, IdempotencyKeyRow } from '../../store/idempotency-key.repository.js';
import type { OrderRepository } from '../../store/order.repository.js';
import type { PlacementRefusal, PlacementState } from '../../workflows/place-order/placement-state.js';
import { toOrder, type Order } from '../order-model.js';
import { checkIdempotencyKey, checkPlaceOrderInput, type PlaceOrderInput } from './place-order-input.js';

export interface PlaceOrderResult {
  order: Order | null;
  errors: PlacementRefusal['errors'];
}

export interface PlaceOrderServiceDeps {
  runner: SagaRunner;
  workflow: Workflow<PlacementState>;
  keys: IdempotencyKeyRepository;
  orders: OrderRepository;
  clock: Clock;
  /** How long a request waits for another request with its key to finish. @default 30_000 */
  keyWaitMs?: number;
  /** Placements running at once; a burst queues first in, first out. @default 32 */
  maxConcurrent?: number;
}

/** Thrown inside the saga's first save when another request holds the key: the save rolls back. */
class KeyTaken extends Error {}

export class PlaceOrderService {
  /** Requests in this process by key: a concurrent duplicate waits for the first instead of polling the store. */
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly limiter: ConcurrencyLimiter;

  constructor(private readonly deps: PlaceOrderServiceDeps) {
    this.limiter = new ConcurrencyLimiter(deps.maxConcurrent ?? 32);
  }

  async placeOrder(claims: Claims, idempotencyKey: string, input: PlaceOrderInput): Promise<PlaceOrderResult> {
    if (supplierPartnerId(claims)) throw forbidden('Partner keys may not place orders');
    if (!hasScope(claims, 'orders:place') && !hasScope(claims, 'orders:write')) throw forbidden('placeOrder needs the orders:place scope');
    checkIdempotencyKey(idempotencyKey);
    const checked = checkPlaceOrderInput(input);
    // Keys belong to the caller: two API keys that pick the same string do not see each other's orders.
    const key = `${claims.sub}|${idempotencyKey}`;
    const fingerprint = fingerprintOf(input);
    const known = await this.deps.keys.find(key);
    if (known) return this.replay(known, fingerprint);
    const running = this.inFlight.get(key);
    if (running) {
      await running.catch(() => undefined);
      return this.waitForOutcome(key, fingerprint);
    }
    const placement = this.limiter.run(() => this.place(claims, key, fingerprint, checked));
    this.inFlight.set(key, placement);
    try {
      return await placement;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async place(claims: Claims, key: string, fingerprint: string, input: PlacementState['input']): Promise<PlaceOrderResult> {
    const now = this.deps.clock.now().toISOString();
    const state: PlacementState = { orderId: newOrderId(), actor: claims.sub, key, placedAt: now, input };
    let outcome;
    try {
      outcome = await this.deps.runner.run(this.deps.workflow, state.orderId, state, {
        beforePersist: async (trx) => {
          if (!(await this.deps.keys.claim({ key, fingerprint, orderId: state.orderId, now }, trx))) throw new KeyTaken();
        },
      });
    } catch (error) {
      if (error instanceof KeyTaken) return this.waitForOutcome(key, fingerprint);
      if (!(error instanceof SagaAbort)) throw error;
      // An expected outcome before anything was held (e.g. not enough stock to route): kept under the key like any outcome.
      const refusal = error.outcome as PlacementRefusal;
      if (!(await this.deps.keys.claim({ key, fingerprint, orderId: state.orderId, now, result: refusal }))) return this.waitForOutcome(key, fingerprint);
      return { order: null, errors: refusal.errors };
    }
    if (outcome.status === 'completed') return { order: outcome.state.placed ?? (await this.order(state.orderId)), errors: [] };
    if (outcome.error.outcome) return { order: null, errors: (outcome.error.outcome as PlacementRefusal).errors };
    throw hubError(outcome.error.code === 'BAD_USER_INPUT' ? 'BAD_USER_INPUT' : 'SERVICE_UNAVAILABLE', `The order could not be placed: ${outcome.error.message}. Nothing is held or charged; send the request again with the same idempotency key.`);
  }

  /** The outcome stored under a key, for a request with the same key. */
  private async replay(row: IdempotencyKeyRow, fingerprint: string): Promise<PlaceOrderResult> {
    if (row.fingerprint !== fingerprint) {
      throw hubError('IDEMPOTENCY_KEY_REUSED', 'idempotencyKey: was already used for a different order; use a new key for a new order', { field: 'idempotencyKey' });
    }
    if (row.status !== 'COMPLETED') return this.waitForOutcome(row.key, fingerprint);
    const result = JSON.parse(row.result ?? '{}') as { orderId?: string } & Partial<PlacementRefusal>;
    if (result.orderId) return { order: await this.order(result.orderId), errors: [] };
    return { order: null, errors: result.errors ?? [] };
  }

  /** Another request (here or in another process) holds the key: wait for its outcome. */
  private async waitForOutcome(key: string, fingerprint: string): Promise<PlaceOrderResult> {
    const deadline = Date.now() + (this.deps.keyWaitMs ?? 30_000);
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      const row = await this.deps.keys.find(key);
      if (!row) throw hubError('CONFLICT', 'idempotencyKey: the first request with this key failed meanwhile; send the request again', { field: 'idempotencyKey' });
      if (row.fingerprint !== fingerprint || row.status === 'COMPLETED') return this.replay(row, fingerprint);
      if (Date.now() > deadline) throw hubError('CONFLICT', 'idempotencyKey: a request with this key is still being processed; try again shortly', { field: 'idempotencyKey' });
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async order(id: string): Promise<Order> {
    const row = await this.deps.orders.find(id);
    if (!row) throw new Error(`order ${id} was placed but cannot be read`);
    return toOrder(row);
  }
}

/** The same input in any key order is the same request. */
export function fingerprintOf(input: unknown): string {
  return createHash('sha256').update(canonical(input)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Sortable by time, unique without a shared counter: ORD- then milliseconds and 40 random bits, base 36. randomInt
 * draws from node's pooled random bytes; randomBytes(5) asked the system for fresh ones on every order.
 */
export function newOrderId(): string {
  return `ORD-${Date.now().toString(36).toUpperCase().padStart(9, '0')}${randomInt(2 ** 40).toString(36).toUpperCase().padStart(8, '0')}`;
}
