// Collects a run's exceptions as it plans: one per SKU for no supplier, capacity and minimums, one per position for a missed promotion.
import { isoDateOf } from '../planning/day-index.js';
import { MAX_EXCESS_COVER_DAYS, minimumLot } from '../planning/order-rounding.js';
import type { ReplenishmentExceptionRow } from '../../store/replenishment-exception.repository.js';
import type { SkuOutcome } from './sku-planner.js';
import type { SupplyTerms } from './supply-terms.js';

/**
 * BELOW_MOQ and SUPPLIER_CAPACITY_EXCEEDED are summed per SKU (with the count of locations) rather than listed per
 * location: with slow lines and direct store deliveries a full run meets hundreds of thousands of needs below a
 * supplier's minimum, and a person works them per product. Each proposal written still carries its own bits;
 * positions left without an order (minimum too large, capacity gone) are only counted here.
 */
export class RunExceptions {
  readonly rows: ReplenishmentExceptionRow[] = [];

  constructor(private readonly runId: string) {}

  noSupplier(sku: string): void {
    this.add({ code: 'NO_SUPPLIER', sku, location_id: null, supplier_id: null, proposal_seq: null, message: `${sku} sells at planned locations but has no active supplier: nothing can be ordered.` });
  }

  fromOutcome(sku: string, terms: SupplyTerms, outcome: SkuOutcome): void {
    const supplier = terms.supplierId;
    if (outcome.capacityExceeded) {
      const { needed, allocated, cutToNothing } = outcome.capacityExceeded;
      this.add({
        code: 'SUPPLIER_CAPACITY_EXCEEDED',
        sku,
        location_id: null,
        supplier_id: supplier,
        proposal_seq: null,
        message: `${sku}: locations need ${needed} units but ${supplier} can ship ${outcome.capacityAvailable} more this week (capacity ${terms.weeklyCapacity}); ${allocated} allocated in proportion to need${cutToNothing ? `, ${cutToNothing} location(s) get nothing` : ''}.`,
      });
    }
    const { raised, notOrdered } = outcome.belowMinimum;
    if (raised + notOrdered > 0) {
      const parts = [raised ? `${raised} raised to the minimum` : '', notOrdered ? `${notOrdered} not ordered, the minimum being more than ${MAX_EXCESS_COVER_DAYS} days of demand beyond the need` : ''].filter(Boolean);
      this.add({
        code: 'BELOW_MOQ',
        sku,
        location_id: null,
        supplier_id: supplier,
        proposal_seq: null,
        message: `${sku}: at ${raised + notOrdered} location(s) the need was below ${supplier}'s minimum order of ${minimumLot(terms.packSize, terms.minOrderQty)} (cases of ${terms.packSize}): ${parts.join('; ')}.`,
      });
    }
    for (const miss of outcome.missedPromotions) {
      this.add({
        code: 'LEAD_TIME_MISSES_PROMOTION',
        sku,
        location_id: miss.locationId,
        supplier_id: supplier,
        proposal_seq: miss.seq,
        message: `${sku} at ${miss.locationId}: an order placed now arrives in ${terms.leadTimeDays} days, not before promotion ${miss.promotionId} starts on ${isoDateOf(miss.startDay)}.`,
      });
    }
  }

  private add(row: Omit<ReplenishmentExceptionRow, 'run_id' | 'seq'>): void {
    this.rows.push({ run_id: this.runId, seq: this.rows.length + 1, ...row });
  }
}
