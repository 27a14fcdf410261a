// Plans one SKU over a run's locations: each position's proposal, then the supplier's capacity shared between them.
import { allocateCapacity } from '../planning/capacity-allocation.js';
import { baseRate, dailyStdDev, SERIES_FIELDS } from '../planning/demand-forecast.js';
import type { UpliftWindow } from '../planning/horizon-demand.js';
import { minimumLot } from '../planning/order-rounding.js';
import { aboveReorderPoint, demandWeights, planPosition, promotionMissed, type DemandWeights, type PositionPlan } from '../planning/position-plan.js';
import { flatWeekdayFactors } from '../planning/weekday-factors.js';
import { INBOUND, ON_HAND, POSITION_FIELDS, RESERVED } from '../../store/position-block.repository.js';
import { EXCEPTION_BITS } from './proposal-exceptions.js';
import type { ProposalBuffer } from './proposal-buffer.js';
import type { SupplyTerms } from './supply-terms.js';

/** A scheduled promotion as a run sees it: its window per location slot (null where it does not run). */
export interface PlannedPromotion {
  promotionId: string;
  uplift: number;
  windowBySlot: readonly ({ startDay: number; endDay: number } | null)[];
  /** Locations this SKU is excluded at. */
  excludedLocations: ReadonlySet<string>;
}

export interface RunSettings {
  runDay: number;
  reviewPeriodDays: number;
  z: number;
  /** The slots planned and their location ids, in slot order. */
  slots: Int32Array;
  locationIds: readonly string[];
  /** A promotion run plans at least through this day, so what the promotion needs arrives in one order before it. */
  planThroughDay: number | null;
}

export interface SkuInputs {
  sku: string;
  terms: SupplyTerms;
  positions: Int32Array | undefined;
  series: Float32Array | undefined;
  weekdayFactors: Float64Array | undefined;
  /** Inbound the ERP does not show yet (or shows but will not come), by slot. */
  corrections: ReadonlyMap<number, number> | undefined;
  promotions: readonly PlannedPromotion[];
  /** Units of capacity hub orders already took this week. */
  committed: number;
}

export interface SkuOutcome {
  horizonDays: number;
  capacityAvailable: number;
  /** Proposals written: positions with something to order. */
  proposals: number;
  /** Needs below the minimum lot: raised to it, or left unordered (the lot would last too long). */
  belowMinimum: { raised: number; notOrdered: number };
  capacityExceeded: { needed: number; allocated: number; cutToNothing: number } | null;
  /** Positions with an order that arrives after a promotion there starts. */
  missedPromotions: { seq: number; locationId: string; promotionId: string; startDay: number }[];
}

interface Staged {
  index: number;
  plan: PositionPlan;
  onHand: number;
  inbound: number;
  reserved: number;
  promotionId: string | null;
  missed: UpliftWindow | null;
}

const FLAT = flatWeekdayFactors();

export function planSku(input: SkuInputs, run: RunSettings, out: ProposalBuffer): SkuOutcome {
  const { terms, positions, series } = input;
  const leadTimeDays = terms.leadTimeDays;
  const arrivalDay = run.runDay + leadTimeDays;
  const horizonDays = Math.max(leadTimeDays + run.reviewPeriodDays, run.planThroughDay !== null ? run.planThroughDay - run.runDay + 1 : 0);
  const factors = input.weekdayFactors ?? FLAT;
  const plain = demandWeights(factors, run.runDay, leadTimeDays, horizonDays);
  const withPromotions = new Map<string, DemandWeights>();
  const staged: Staged[] = [];
  const belowMinimum = { raised: 0, notOrdered: 0 };

  for (let i = 0; i < run.slots.length; i++) {
    const slot = run.slots[i]!;
    const so = slot * SERIES_FIELDS;
    const hasSeries = series !== undefined && so + SERIES_FIELDS <= series.length;
    const po = slot * POSITION_FIELDS;
    const hasPosition = positions !== undefined && po + POSITION_FIELDS <= positions.length;
    const onHand = hasPosition ? positions[po + ON_HAND]! : 0;
    const reserved = hasPosition ? positions[po + RESERVED]! : 0;
    const inbound = Math.max(0, (hasPosition ? positions[po + INBOUND]! : 0) + (input.corrections?.get(slot) ?? 0));
    const windows = windowsAt(input.promotions, slot, run.locationIds[i]!);
    let weights = plain;
    if (windows.length) {
      const key = windows.map((w) => `${w.promotionId}:${w.startDay}:${w.endDay}`).join('|');
      weights = withPromotions.get(key) ?? demandWeights(factors, run.runDay, leadTimeDays, horizonDays, windows);
      withPromotions.set(key, weights);
    }
    const rate = hasSeries ? baseRate(series, so) : 0;
    const stdDev = hasSeries ? dailyStdDev(series, so) : 0;
    // Most positions are above their reorder point: they are passed over without building a plan.
    if (aboveReorderPoint(rate, stdDev, weights.lead, horizonDays, run.z, onHand + inbound - reserved)) continue;
    const plan = planPosition({
      rate,
      dailyStdDev: stdDev,
      weights,
      horizonDays,
      z: run.z,
      onHand,
      inbound,
      reserved,
      packSize: terms.packSize,
      minOrderQty: terms.minOrderQty,
    });
    if (plan.belowMinimum && plan.roundedQuantity === 0) belowMinimum.notOrdered++;
    if (plan.roundedQuantity <= 0) continue;
    const missed = promotionMissed(windows, run.runDay, arrivalDay);
    const lifted = windows.find((w) => w.uplift > 1);
    staged.push({ index: i, plan, onHand, inbound, reserved, promotionId: missed?.promotionId ?? (plan.promotionUplift > 0 ? (lifted?.promotionId ?? null) : null), missed });
  }

  const capacityAvailable = Math.max(0, terms.weeklyCapacity - input.committed);
  const rounded = Int32Array.from(staged, (s) => s.plan.roundedQuantity);
  const allocated = new Int32Array(staged.length);
  const exceeded = allocateCapacity(rounded, staged.length, capacityAvailable, terms.packSize, minimumLot(terms.packSize, terms.minOrderQty), allocated);
  const outcome: SkuOutcome = { horizonDays, capacityAvailable, proposals: 0, belowMinimum, capacityExceeded: null, missedPromotions: [] };
  if (exceeded) {
    outcome.capacityExceeded = { needed: rounded.reduce((a, q) => a + q, 0), allocated: allocated.reduce((a, q) => a + q, 0), cutToNothing: allocated.filter((q) => q === 0).length };
  }

  staged.forEach((s, k) => {
    const quantity = allocated[k]!;
    // Only positions with something to order become proposals; the others are counted in the SKU's exceptions.
    if (quantity === 0) return;
    let mask = 0;
    if (s.plan.belowMinimum) {
      mask |= EXCEPTION_BITS.BELOW_MOQ;
      belowMinimum.raised++;
    }
    if (exceeded && quantity < s.plan.roundedQuantity) mask |= EXCEPTION_BITS.SUPPLIER_CAPACITY_EXCEEDED;
    if (s.missed) mask |= EXCEPTION_BITS.LEAD_TIME_MISSES_PROMOTION;
    const locationId = run.locationIds[s.index]!;
    const seq = out.add({
      sku: input.sku,
      locationId,
      exceptionMask: mask,
      forecastDaily: s.plan.forecastDailyDemand,
      stdDev: s.plan.dailyStdDev,
      leadTimeDemand: s.plan.leadTimeDemand,
      horizonDemand: s.plan.horizonDemand,
      promotionUplift: s.plan.promotionUplift,
      promotionId: s.promotionId,
      onHand: s.onHand,
      inbound: s.inbound,
      reserved: s.reserved,
      roundedQuantity: s.plan.roundedQuantity,
      quantity,
    });
    outcome.proposals++;
    if (s.missed) outcome.missedPromotions.push({ seq, locationId, promotionId: s.missed.promotionId, startDay: s.missed.startDay });
  });
  return outcome;
}

/** The promotion windows at one location for this SKU, empty for most positions. */
function windowsAt(promotions: readonly PlannedPromotion[], slot: number, locationId: string): UpliftWindow[] {
  if (promotions.length === 0) return [];
  const windows: UpliftWindow[] = [];
  for (const p of promotions) {
    const window = p.windowBySlot[slot];
    if (window && !p.excludedLocations.has(locationId)) windows.push({ promotionId: p.promotionId, startDay: window.startDay, endDay: window.endDay, uplift: p.uplift });
  }
  return windows;
}
