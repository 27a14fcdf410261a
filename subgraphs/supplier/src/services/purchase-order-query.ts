// Turns purchase-order list arguments (filter, cursor) into a store query, rejecting what is malformed.
import { badUserInput, decodeCursor } from '@retail-hub/platform';
import type { PurchaseOrderPosition, PurchaseOrderQuery } from '../store/purchase-order.repository.js';

export interface PurchaseOrderFilterInput {
  supplierId?: string | null;
  locationId?: string | null;
  status?: string | null;
  expectedBefore?: string | null;
}

export function purchaseOrderQuery(filter: PurchaseOrderFilterInput | null | undefined): PurchaseOrderQuery {
  return {
    supplierId: filter?.supplierId ?? undefined,
    locationId: filter?.locationId ?? undefined,
    status: filter?.status ?? undefined,
    expectedBefore: filter?.expectedBefore != null ? isoDay(filter.expectedBefore, 'filter.expectedBefore') : undefined,
  };
}

/** Lists run by expected date then id, so a cursor holds both. */
export function purchaseOrderPosition(after: string | null | undefined): PurchaseOrderPosition | null {
  if (!after) return null;
  const [expectedDate, id] = decodeCursor(after, 'after', 2);
  if (typeof expectedDate !== 'string' || typeof id !== 'string') throw badUserInput('after', 'is not a cursor this API returned');
  return { expectedDate, id };
}

export function purchaseOrderCursor(order: { expectedDate: string; id: string }): string[] {
  return [order.expectedDate, order.id];
}

export function isoDay(value: string, field: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  // Round-tripping rejects days that do not exist (2026-02-30) as well as other shapes.
  if (!date || date.toISOString().slice(0, 10) !== value) throw badUserInput(field, 'must be a day as YYYY-MM-DD');
  return value;
}
