// pricing.promotion.* events: their data (schemas in platform/src/events/schemas), built from a promotion and its windows.
import type { NewEvent } from '@retail-hub/platform';
import type { PromotionRule } from '../engine/engine-model.js';
import { describeDeal } from '../engine/promotion-description.js';
import type { Promotion, PromotionStatus } from '../services/promotions/promotion-model.js';
import type { PromotionLocationRow } from '../store/promotion-location.repository.js';

export const PROMOTION_SCHEDULED = 'pricing.promotion.scheduled.v1';
export const PROMOTION_STARTED = 'pricing.promotion.started.v1';
export const PROMOTION_ENDED = 'pricing.promotion.ended.v1';
export const PROMOTION_CANCELLED = 'pricing.promotion.cancelled.v1';

const windowOf = (w: PromotionLocationRow) => ({ locationId: w.location_id, startsAt: w.starts_at, endsAt: w.ends_at });

/** The deal as events carry it: a percentage as a number (12.5), not basis points. */
export function eventRule(rule: PromotionRule) {
  const { percentOffBp, ...rest } = rule;
  return { ...rest, ...(percentOffBp !== undefined ? { percentOff: percentOffBp / 100 } : {}) };
}

export function promotionScheduledEvent(p: Promotion, windows: readonly PromotionLocationRow[], skus: readonly string[], exclusions: readonly { sku: string; locationId: string }[], at: string): NewEvent {
  return {
    type: PROMOTION_SCHEDULED,
    subject: p.id,
    data: { promotionId: p.id, name: p.name, type: p.type, channels: p.channels, expectedUplift: p.expectedUplift, startsAtLocal: p.startsAt, endsAtLocal: p.endsAt, locations: windows.map(windowOf), skus, exclusions, scheduledAt: at },
  };
}

export function promotionStartedData(p: Promotion, windows: readonly PromotionLocationRow[], skus: readonly string[], exclusions: readonly { sku: string; locationId: string }[], at: string) {
  return {
    promotionId: p.id,
    name: p.name,
    type: p.type,
    description: describeDeal(p.type, p.rule),
    rule: eventRule(p.rule),
    stacking: p.stacking,
    priority: p.priority,
    channels: p.channels,
    locations: windows.map(windowOf),
    skus,
    exclusions,
    startedAt: at,
  };
}

export function promotionEndedData(promotionId: string, locationIds: readonly string[], final: boolean, at: string) {
  return { promotionId, locationIds, final, endedAt: at };
}

export function promotionCancelledData(promotionId: string, previousStatus: PromotionStatus, reason: string, revertedLocationIds: readonly string[], at: string) {
  return { promotionId, previousStatus, reason, revertedLocationIds, cancelledAt: at };
}
