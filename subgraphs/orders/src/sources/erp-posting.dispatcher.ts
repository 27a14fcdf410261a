// Sends queued postings to the ERP's SalesFinance ledger: paced, retried with backoff and jitter, dead-lettered, behind a circuit breaker.
import { RetryingDispatcher, type Clock, type ErpDeliverySettings, type Logger, type ServiceEvents } from '@retail-hub/platform';
import { ErpRejectedError, type PostingReceipt, type SalesFinancePort } from '@retail-hub/erp';
import type { Kysely } from 'kysely';
import { postingFailedEvent } from '../events/posting-failed.event.js';
import { postingPostedEvent } from '../events/posting-posted.event.js';
import type { ErpPostingRepository, ErpPostingRow } from '../store/erp-posting.repository.js';
import type { OrdersDatabase } from '../store/order-tables.js';

export interface ErpPostingDispatcherDeps {
  db: Kysely<OrdersDatabase>;
  events: ServiceEvents;
  salesFinance: SalesFinancePort;
  postings: ErpPostingRepository;
  clock: Clock;
  logger: Logger;
  settings?: ErpDeliverySettings;
}

type PostingItem = ErpPostingRow & { id: string };

/** How long a claimed batch is left to its sender before another pass or replica may send it again (the ERP books each id once either way). */
const SEND_LEASE_MS = 120_000;

export type ErpPostingDispatcher = RetryingDispatcher<PostingItem, PostingReceipt>;

export function createErpPostingDispatcher(deps: ErpPostingDispatcherDeps): ErpPostingDispatcher {
  const { settings, postings, events, db } = deps;
  return new RetryingDispatcher<PostingItem, PostingReceipt>({
    name: 'erp-postings',
    clock: deps.clock,
    logger: deps.logger,
    maxAttempts: settings?.maxAttempts,
    ratePerSecond: settings?.ratePerSecond,
    pollIntervalMs: settings?.pollIntervalMs,
    // Every confirmed order queues a posting: gathering a burst's for 50 ms sends them in one batch.
    kickDelayMs: 50,
    breaker: { failureThreshold: settings?.breakerThreshold, openMs: settings?.breakerOpenMs, maxOpenMs: settings?.breakerMaxOpenMs },
    queue: {
      due: async (now, limit) => {
        const rows = await postings.due(now.toISOString(), limit);
        // Claimed until the send is surely over; a replica that crashes mid-send leaves them due again after that.
        const mine = await postings.lease(rows.map((r) => r.posting_id), now.toISOString(), new Date(now.getTime() + SEND_LEASE_MS).toISOString());
        return rows.filter((row) => mine.has(row.posting_id)).map((row) => ({ ...row, id: row.posting_id }));
      },
      // The ERP books each posting id once, so a receipt for a resend (duplicate) is the same booking.
      delivered: (items, receipts, now) =>
        events.transaction(db, async (trx, emit) => {
          const at = now.toISOString();
          for (const [i, item] of items.entries()) {
            const receipt = receipts[i]!;
            await postings.markPosted(trx, item.posting_id, receipt.documentNo, item.attempts + 1, at);
            emit(postingPostedEvent({ postingId: item.posting_id, orderId: item.order_id, kind: item.kind, documentNo: receipt.documentNo, attempts: item.attempts + 1, postedAt: at }));
          }
        }),
      release: (items, now) => postings.release(db, items.map((i) => i.posting_id), now.toISOString()),
      failed: (failures, now) =>
        events.transaction(db, async (trx, emit) => {
          const at = now.toISOString();
          for (const f of failures) {
            const recorded = await postings.markFailed(trx, f.item.posting_id, f.attempts, f.error, f.retryAt?.toISOString() ?? null, at);
            if (!recorded || f.retryAt) continue;
            deps.logger.error({ postingId: f.item.posting_id, attempts: f.attempts, error: f.error }, 'ERP posting dead-lettered; replay it once the cause is fixed');
            emit(postingFailedEvent({ postingId: f.item.posting_id, orderId: f.item.order_id, kind: f.item.kind, attempts: f.attempts, error: f.error, failedAt: at }));
          }
        }),
    },
    send: (items) => deps.salesFinance.postDocuments(items.map((p) => JSON.parse(p.payload))),
    // Reading no postings costs the ERP nothing and fails while it is down.
    probe: () => deps.salesFinance.getPostings([]),
    classify: (error) => {
      const index = error instanceof ErpRejectedError ? /^postings\.(\d+)\./.exec(error.field ?? '')?.[1] : undefined;
      return index === undefined ? { kind: 'transient' } : { kind: 'rejected', index: Number(index), message: (error as Error).message };
    },
  });
}
