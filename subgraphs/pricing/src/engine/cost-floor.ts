// The margin guard: no promotion takes a line below what it costs the retailer, unless that margin exception was approved.
import type { EngineAdjustment, EngineLine, EnginePromotion } from './engine-model.js';

/**
 * Caps a line's adjustments so its total stays at or above quantity x unit cost, and always at or
 * above zero. The floor is waived only when every promotion discounting the line had its margin
 * exception for the SKU approved. Money comes off the last-applied adjustment first, so an earlier
 * promotion keeps what it gave; an adjustment cut to nothing is dropped.
 */
export function applyCostFloor(line: EngineLine, adjustments: readonly EngineAdjustment[], promotions: ReadonlyMap<string, EnginePromotion>): EngineAdjustment[] {
  const subtotal = line.unitPrice * line.quantity;
  const waived = adjustments.every((a) => promotions.get(a.promotionId)?.marginApprovedSkus?.has(line.sku));
  const guarded = !waived && line.unitCost !== null && line.unitCost !== undefined;
  // A list price already under cost leaves no room: such a line gets no discount at all.
  let room = guarded ? Math.max(0, subtotal - line.unitCost! * line.quantity) : subtotal;
  const kept = adjustments.map((a) => ({ ...a }));
  const total = kept.reduce((s, a) => s + a.amount, 0);
  if (total <= room) return kept;
  for (const a of kept) {
    const amount = Math.min(a.amount, room);
    room -= amount;
    a.amount = amount;
  }
  return kept.filter((a) => a.amount > 0);
}
