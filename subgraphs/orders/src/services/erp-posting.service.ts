// ERP postings for people: an order's postings, the list of postings by status, and replays of dead letters.
import { badUserInput, decodeCursor, forbidden, hasScope, notFound, pageSize, supplierPartnerId, toConnection, type Claims, type Clock, type Connection, type ServiceEvents } from '@retail-hub/platform';
import type { Kysely } from 'kysely';
import { postingReplayedEvent } from '../events/posting-replayed.event.js';
import type { ErpPostingQuery, ErpPostingRepository, ErpPostingRow } from '../store/erp-posting.repository.js';
import type { OrdersDatabase } from '../store/order-tables.js';

export interface ErpPosting {
  id: string;
  orderId: string;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  documentNo: string | null;
  totalCentAmount: number;
  currency: string;
  nextAttemptAt: string | null;
  createdAt: string;
  postedAt: string | null;
  updatedAt: string;
}

export interface ErpPostingFilterInput {
  status?: string | null;
  kind?: string | null;
  orderId?: string | null;
  updatedAfter?: string | null;
  updatedBefore?: string | null;
  errorContains?: string | null;
}

/** Most dead letters one replay call moves back to the queue. */
const MAX_REPLAY = 10_000;

export class ErpPostingService {
  constructor(private readonly deps: { db: Kysely<OrdersDatabase>; events: ServiceEvents; postings: ErpPostingRepository; clock: Clock; onRequeued: () => void }) {}

  /** Batch lookup by order id in key order (a DataLoader batch function). */
  async postingsByOrderId(orderIds: readonly string[]): Promise<ErpPosting[][]> {
    const rows = await this.deps.postings.forOrders(orderIds);
    return orderIds.map((id) => rows.filter((r) => r.order_id === id).map(toErpPosting));
  }

  async list(claims: Claims, filter: ErpPostingFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<ErpPosting>> {
    assertOperator(claims, 'orders:read', 'erpPostings');
    const limit = pageSize(first);
    const query = toQuery(filter);
    let before: { updatedAt: string; id: string } | undefined;
    if (after) {
      const [updatedAt, id] = decodeCursor(after, 'after', 2);
      before = { updatedAt: String(updatedAt), id: String(id) };
    }
    const rows = await this.deps.postings.page({ ...query, before, limit: limit + 1 });
    return toConnection(rows.map(toErpPosting), limit, (p) => [p.updatedAt, p.id], () => this.deps.postings.count(query), Boolean(before));
  }

  /** Queues one dead-lettered posting again; the ERP books its id once, so a replay never books twice. */
  async replayOne(claims: Claims, postingId: string): Promise<{ replayed: number; postings: ErpPosting[] }> {
    assertOperator(claims, 'orders:admin', 'replayErpPosting');
    const found = await this.deps.postings.find(postingId);
    if (!found) throw notFound('id', `id: no ERP posting ${postingId}`);
    if (found.status !== 'DEAD') throw badUserInput('id', `${postingId} is ${found.status}, not dead-lettered; only dead letters are replayed`);
    return this.requeue(claims, [postingId]);
  }

  /** Queues every dead letter matching the filter again (its status is always DEAD). */
  async replayMatching(claims: Claims, filter: ErpPostingFilterInput): Promise<{ replayed: number; postings: ErpPosting[] }> {
    assertOperator(claims, 'orders:admin', 'replayErpPostings');
    const ids = await this.deps.postings.ids({ ...toQuery({ ...filter, status: null }), status: 'DEAD' }, MAX_REPLAY);
    return this.requeue(claims, ids);
  }

  private async requeue(claims: Claims, ids: string[]): Promise<{ replayed: number; postings: ErpPosting[] }> {
    const moved: ErpPostingRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      moved.push(
        ...(await this.deps.events.transaction(this.deps.db, async (trx, emit) => {
          const now = this.deps.clock.now().toISOString();
          const rows = await this.deps.postings.requeueDead(trx, ids.slice(i, i + 500), now);
          for (const r of rows) emit(postingReplayedEvent({ postingId: r.posting_id, orderId: r.order_id, kind: r.kind, replayedBy: claims.sub, replayedAt: now }));
          return rows;
        })),
      );
    }
    if (moved.length) this.deps.onRequeued();
    return { replayed: moved.length, postings: moved.map(toErpPosting) };
  }
}

function assertOperator(claims: Claims, scope: string, what: string): void {
  if (supplierPartnerId(claims)) throw forbidden('Partner keys may not see ERP postings');
  if (claims.kind !== 'service' && !hasScope(claims, scope)) throw forbidden(`${what} needs the ${scope} scope`);
}

function toQuery(filter: ErpPostingFilterInput | null | undefined): ErpPostingQuery {
  const from = filter?.updatedAfter ?? undefined;
  const until = filter?.updatedBefore ?? undefined;
  if (from && until && Date.parse(from) > Date.parse(until)) throw badUserInput('filter.updatedBefore', 'must not be earlier than filter.updatedAfter');
  // Empty text would match every posting: a replay by it would replay them all.
  if (filter?.errorContains === '') throw badUserInput('filter.errorContains', 'must not be empty; leave it out to match any error');
  return {
    status: filter?.status ?? undefined,
    kind: filter?.kind ?? undefined,
    orderId: filter?.orderId ?? undefined,
    updatedFrom: from ? new Date(from).toISOString() : undefined,
    updatedUntil: until ? new Date(until).toISOString() : undefined,
    errorContains: filter?.errorContains ?? undefined,
  };
}

export function toErpPosting(r: ErpPostingRow): ErpPosting {
  const payload = JSON.parse(r.payload) as { totalCentAmount: number; currency: string };
  return {
    id: r.posting_id,
    orderId: r.order_id,
    kind: r.kind,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    documentNo: r.document_no,
    totalCentAmount: payload.totalCentAmount,
    currency: payload.currency,
    nextAttemptAt: r.status === 'PENDING' ? r.next_attempt_at : null,
    createdAt: r.created_at,
    postedAt: r.posted_at,
    updatedAt: r.updated_at,
  };
}
