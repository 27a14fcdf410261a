// Learns promotion windows from pricing: a scheduled promotion lifts demand in its window and queues a run for its SKUs and locations.
import type { EventEnvelope } from '@retail-hub/platform';
import type { Transaction } from 'kysely';
import { dayIndexOf } from '../services/planning/day-index.js';
import type { RunTrigger } from '../services/runs/replenishment-run.service.js';
import type { RunScope } from '../services/runs/run-scope.js';
import type { PromotionWindow, PromotionWindowRepository } from '../store/promotion-window.repository.js';
import type { SupplierDatabase } from '../store/supplier-tables.js';

export const PROMOTION_WINDOWS_CONSUMER = 'supplier.promotion-windows';

interface PromotionScheduledData {
  promotionId: string;
  expectedUplift: number;
  locations: { locationId: string; startsAt: string; endsAt: string }[];
  skus: string[];
  exclusions: { sku: string; locationId: string }[];
}

/**
 * Each location's window arrives in UTC (the promotion starts at the same wall-clock time everywhere). Demand is
 * planned by day, so a location's window covers the UTC days from its start to the day of its last instant (the
 * end is exclusive).
 */
export function toPromotionWindow(data: PromotionScheduledData): PromotionWindow {
  const locations = data.locations.map((l) => ({ locationId: l.locationId, startDay: dayIndexOf(new Date(l.startsAt)), endDay: dayIndexOf(new Date(Date.parse(l.endsAt) - 1)) }));
  return {
    promotionId: data.promotionId,
    status: 'SCHEDULED',
    uplift: data.expectedUplift,
    skus: data.skus,
    locations,
    exclusions: data.exclusions,
    startDay: Math.min(...locations.map((l) => l.startDay)),
    endDay: Math.max(...locations.map((l) => l.endDay)),
  };
}

export interface PromotionWindowsDeps {
  promotions: PromotionWindowRepository;
  queueRun: (trx: Transaction<SupplierDatabase>, trigger: RunTrigger, scope: RunScope, promotionId: string) => Promise<unknown>;
  now: () => string;
}

export function promotionWindowsConsumer(deps: PromotionWindowsDeps) {
  return {
    name: PROMOTION_WINDOWS_CONSUMER,
    types: ['pricing.promotion.scheduled.v1', 'pricing.promotion.cancelled.v1'],
    async handle(event: EventEnvelope, trx: Transaction<SupplierDatabase>): Promise<void> {
      const data = event.data as PromotionScheduledData & { promotionId: string };
      if (event.type === 'pricing.promotion.cancelled.v1') {
        // Its uplift no longer counts in runs; orders already placed for it stay (a buyer may cancel them).
        await deps.promotions.setStatus(trx, data.promotionId, 'CANCELLED', deps.now());
        return;
      }
      const window = toPromotionWindow(data);
      await deps.promotions.upsert(trx, window, deps.now());
      // The run is queued in this transaction, so a scheduled promotion always gets its run, exactly once.
      await deps.queueRun(trx, 'PROMOTION', { skus: window.skus, locationIds: window.locations.map((l) => l.locationId) }, window.promotionId);
    },
  };
}
