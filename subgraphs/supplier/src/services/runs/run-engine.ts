// Executes a replenishment run: reads stock and demand blocks in bulk, plans every position in tight loops, writes proposals in bulk.
import type { Clock, Logger } from '@retail-hub/platform';
import type { DemandBlock, DemandBlockRepository } from '../../store/demand-block.repository.js';
import type { PlanningOrdersRepository } from '../../store/planning-orders.repository.js';
import type { PositionBlock, PositionBlockRepository } from '../../store/position-block.repository.js';
import type { PromotionWindow, PromotionWindowRepository } from '../../store/promotion-window.repository.js';
import type { ReplenishmentExceptionRepository } from '../../store/replenishment-exception.repository.js';
import type { ReplenishmentProposalRepository } from '../../store/replenishment-proposal.repository.js';
import type { ReplenishmentRunItemRepository, ReplenishmentRunItemRow } from '../../store/replenishment-run-item.repository.js';
import type { ReplenishmentRunRow, RunStats } from '../../store/replenishment-run.repository.js';
import type { SupplierItemRepository } from '../../store/supplier-item.repository.js';
import type { SupplierRepository } from '../../store/supplier.repository.js';
import type { DemandCatchUp } from '../demand-catch-up.js';
import type { LocationSlots } from '../location-slots.js';
import { dayIndexOf, isoDateOf } from '../planning/day-index.js';
import { baseRate, SERIES_FIELDS } from '../planning/demand-forecast.js';
import { ProposalBuffer } from './proposal-buffer.js';
import { scopedSlots, type RunScope } from './run-scope.js';
import { planSku, type PlannedPromotion, type RunSettings } from './sku-planner.js';
import { chooseSuppliers, type SupplyTerms } from './supply-terms.js';
import { RunExceptions } from './run-exceptions.js';

export interface RunEngineDeps {
  positions: PositionBlockRepository;
  demand: DemandBlockRepository;
  catchUp: DemandCatchUp;
  items: SupplierItemRepository;
  suppliers: SupplierRepository;
  orders: PlanningOrdersRepository;
  promotions: PromotionWindowRepository;
  runItems: ReplenishmentRunItemRepository;
  proposals: ReplenishmentProposalRepository;
  exceptions: ReplenishmentExceptionRepository;
  slots: LocationSlots;
  clock: Clock;
  logger: Logger;
}

/** SKUs read and planned per slice: a few MB of blocks at a time, whatever the run's size. */
const SKUS_PER_SLICE = 500;
/** Proposals per bulk write. */
const PROPOSALS_PER_WRITE = 20_000;

type Phase = 'read' | 'compute' | 'write';

export class RunEngine {
  constructor(private readonly deps: RunEngineDeps) {}

  async execute(run: ReplenishmentRunRow): Promise<RunStats> {
    const { deps } = this;
    const ms: Record<Phase, number> = { read: 0, compute: 0, write: 0 };
    const timed = async <T>(phase: Phase, work: () => Promise<T> | T): Promise<T> => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        ms[phase] += performance.now() - started;
      }
    };

    const scope = JSON.parse(run.scope) as RunScope;
    const runDay = dayIndexOf(run.run_date);
    const slots = scopedSlots(scope, deps.slots.all());
    const { terms, committed, corrections, promotions } = await timed('read', () => this.inputs(scope, runDay));
    const settings: RunSettings = {
      runDay,
      reviewPeriodDays: run.review_period_days,
      z: run.safety_factor,
      slots: Int32Array.from(slots, (s) => s.slot),
      locationIds: slots.map((s) => s.locationId),
      planThroughDay: run.promotion_id ? (promotions.find((p) => p.promotionId === run.promotion_id)?.endDay ?? null) : null,
    };
    const bySku = promotionsBySku(promotions, deps.slots.width, deps.slots);
    const buffer = new ProposalBuffer(PROPOSALS_PER_WRITE, slots.length, (columns, count) => timed('write', () => deps.proposals.insertColumns(run.id, columns, count)));
    const exceptions = new RunExceptions(run.id);
    const items: ReplenishmentRunItemRow[] = [];
    let positions = 0;

    for await (const slice of this.slices(scope, runDay, (phase, work) => timed(phase, work))) {
      let k = 0;
      while (k < slice.positions.length) {
        await timed('compute', () => {
          for (; k < slice.positions.length && !buffer.full; k++) {
            const block = slice.positions[k]!;
            const sku = block.sku;
            const supply = terms.get(sku);
            const demand = slice.demand.get(sku);
            if (!supply || (scope.supplierIds && !scope.supplierIds.includes(supply.supplierId))) {
              if (!supply && !scope.supplierIds && sells(demand, settings.slots)) exceptions.noSupplier(sku);
              continue;
            }
            positions += settings.slots.length;
            const outcome = planSku(
              {
                sku,
                terms: supply,
                positions: block.data,
                series: demand?.series,
                weekdayFactors: demand?.weekdayFactors,
                corrections: corrections.get(sku),
                promotions: bySku.get(sku) ?? [],
                committed: committed.get(`${supply.supplierId}|${sku}`) ?? 0,
              },
              settings,
              buffer,
            );
            exceptions.fromOutcome(sku, supply, outcome);
            items.push(runItem(run, sku, supply, outcome.horizonDays, outcome.capacityAvailable, demand));
          }
        });
        if (buffer.full) await buffer.flush();
      }
    }
    await buffer.flush();
    await timed('write', async () => {
      await deps.runItems.insert(items);
      await deps.exceptions.insert(exceptions.rows);
    });
    return {
      positions,
      proposals: buffer.total,
      exceptions: exceptions.rows.length,
      read_ms: Math.round(ms.read),
      compute_ms: Math.round(ms.compute),
      write_ms: Math.round(ms.write),
    };
  }

  /** Everything small a run needs before the blocks: supply terms, capacity taken, inbound corrections, promotions. */
  private async inputs(scope: RunScope, runDay: number) {
    const { deps } = this;
    const weekAgo = new Date(deps.clock.now().getTime() - 7 * 86_400_000).toISOString();
    const [items, active, committed, correctionRows, promotions] = await Promise.all([
      scope.skus ? deps.items.findBySkus({ supplierId: null }, scope.skus) : deps.items.all(),
      deps.suppliers.activeIds(),
      deps.orders.committedCapacity(weekAgo),
      deps.orders.inboundCorrections(),
      deps.promotions.overlapping(runDay, runDay + 400),
    ]);
    const terms: Map<string, SupplyTerms> = chooseSuppliers(items, active);
    const corrections = new Map<string, Map<number, number>>();
    for (const c of correctionRows) {
      const slot = deps.slots.slotOf(c.locationId);
      if (slot === undefined) continue;
      const bySlot = corrections.get(c.sku) ?? new Map<number, number>();
      bySlot.set(slot, (bySlot.get(slot) ?? 0) + c.delta);
      corrections.set(c.sku, bySlot);
    }
    return { terms, committed, corrections, promotions };
  }

  /** The run's SKUs a slice at a time: position blocks with their demand blocks, folded up to the day before the run. */
  private async *slices(scope: RunScope, runDay: number, timed: <T>(phase: Phase, work: () => Promise<T>) => Promise<T>) {
    const { deps } = this;
    const wanted = scope.skus ? [...new Set(scope.skus)].sort() : null;
    let after: string | null = null;
    for (let i = 0; ; i += SKUS_PER_SLICE) {
      const part = wanted ? wanted.slice(i, i + SKUS_PER_SLICE) : undefined;
      if (part && part.length === 0) return;
      const positions: PositionBlock[] = await timed('read', () => deps.positions.page(part ? null : after, SKUS_PER_SLICE, part));
      if (!part && positions.length === 0) return;
      const skus = part ?? positions.map((p) => p.sku);
      // A SKU the run names that has no stock anywhere yet still gets planned (all positions at 0).
      const known = new Set(positions.map((p) => p.sku));
      for (const sku of skus) if (!known.has(sku)) positions.push({ sku, data: new Int32Array(0) });
      const demand = await timed('read', async () => {
        const blocks = new Map((await deps.demand.page(null, skus.length, skus)).map((b) => [b.sku, b]));
        const stale = [...blocks.values()].filter((b) => b.throughDay < runDay - 1).map((b) => b.sku);
        if (stale.length) for (const [sku, block] of await deps.catchUp.foldThrough(stale, runDay - 1)) blocks.set(sku, block);
        return blocks;
      });
      yield { positions, demand };
      after = positions.at(-1)?.sku ?? after;
      if (!part && positions.length < SKUS_PER_SLICE) return;
    }
  }
}

/** Does the SKU sell at any planned location? (A SKU with no supplier matters only then.) */
function sells(demand: DemandBlock | undefined, slots: Int32Array): boolean {
  if (!demand) return false;
  for (const slot of slots) if (slot * SERIES_FIELDS < demand.series.length && baseRate(demand.series, slot * SERIES_FIELDS) > 0) return true;
  return false;
}

function runItem(run: ReplenishmentRunRow, sku: string, terms: SupplyTerms, horizonDays: number, capacityAvailable: number, demand: DemandBlock | undefined): ReplenishmentRunItemRow {
  return {
    run_id: run.id,
    sku,
    supplier_id: terms.supplierId,
    pack_size: terms.packSize,
    min_order_qty: terms.minOrderQty,
    lead_time_days: terms.leadTimeDays,
    horizon_days: horizonDays,
    weekly_capacity: terms.weeklyCapacity,
    capacity_available: capacityAvailable,
    unit_cost_cent_amount: terms.unitCostCentAmount,
    currency: terms.currency,
    expected_date: isoDateOf(dayIndexOf(run.run_date) + terms.leadTimeDays),
    weekday_factors: JSON.stringify(demand ? [...demand.weekdayFactors].map((f) => Math.round(f * 10_000) / 10_000) : [1, 1, 1, 1, 1, 1, 1]),
  };
}

/** Scheduled promotions per SKU, each with its window per location slot. */
function promotionsBySku(promotions: readonly PromotionWindow[], width: number, slots: LocationSlots): Map<string, PlannedPromotion[]> {
  const bySku = new Map<string, PlannedPromotion[]>();
  for (const p of promotions) {
    const windowBySlot: ({ startDay: number; endDay: number } | null)[] = new Array(width).fill(null);
    for (const l of p.locations) {
      const slot = slots.slotOf(l.locationId);
      if (slot !== undefined) windowBySlot[slot] = { startDay: l.startDay, endDay: l.endDay };
    }
    const excluded = new Map<string, Set<string>>();
    for (const e of p.exclusions) excluded.set(e.sku, (excluded.get(e.sku) ?? new Set()).add(e.locationId));
    for (const sku of p.skus) {
      const list = bySku.get(sku) ?? [];
      list.push({ promotionId: p.promotionId, uplift: p.uplift, windowBySlot, excludedLocations: excluded.get(sku) ?? new Set() });
      bySku.set(sku, list);
    }
  }
  return bySku;
}
