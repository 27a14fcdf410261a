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
      due: async (now, limit) => (await postings.due(now.toISOString(), limit)).map((row) => ({ ...row, id: row.posting_id })),
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
      failed: (failures, now) =>
        events.transaction(db, async (trx, emit) => {
          const at = now.toISOString();
          for (const f of failures) {
            await postings.markFailed(trx, f.item.posting_id, f.attempts, f.error, f.retryAt?.toISOString() ?? null, at);
            if (f.retryAt) continue;
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
