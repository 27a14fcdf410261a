// Checks a reservation request and merges its lines; bad input is a BAD_USER_INPUT naming the field.
import { badUserInput } from '@retail-hub/platform';
import type { UnitsLine } from '../store/reservation.repository.js';

export interface ReserveStockInput {
  orderId: string;
  lines: UnitsLine[];
  ttlSeconds?: number | null;
}

/** A line after merging, with the input index of its first occurrence (errors name it). */
export interface CheckedLine extends UnitsLine {
  index: number;
}

export const MAX_RESERVATION_LINES = 200;
export const MAX_LINE_UNITS = 1_000_000;
/** Longest an unpaid hold may last: 30 days. */
export const MAX_TTL_SECONDS = 30 * 86_400;

/**
 * Lines for the same product and location become one (quantities added); the result is sorted
 * by SKU then location, so every transaction locks positions in the same order (no deadlocks).
 */
export function checkReserveInput(input: ReserveStockInput): CheckedLine[] {
  checkOrderId(input.orderId, 'input.orderId');
  if (input.lines.length === 0) throw badUserInput('input.lines', 'must have at least one line');
  if (input.lines.length > MAX_RESERVATION_LINES) throw badUserInput('input.lines', `at most ${MAX_RESERVATION_LINES} lines`);
  const ttl = input.ttlSeconds;
  if (ttl !== undefined && ttl !== null && (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS)) {
    throw badUserInput('input.ttlSeconds', `must be 1 to ${MAX_TTL_SECONDS} seconds, or omitted for a firm hold`);
  }
  const merged = new Map<string, CheckedLine>();
  input.lines.forEach((line, index) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_LINE_UNITS) {
      throw badUserInput(`input.lines.${index}.quantity`, `must be 1 to ${MAX_LINE_UNITS.toLocaleString('en-US')} units`);
    }
    const key = `${line.sku}@${line.locationId}`;
    const first = merged.get(key);
    if (first) first.quantity += line.quantity;
    else merged.set(key, { sku: line.sku, locationId: line.locationId, quantity: line.quantity, index });
  });
  return [...merged.values()].sort((a, b) => (a.sku === b.sku ? (a.locationId < b.locationId ? -1 : 1) : a.sku < b.sku ? -1 : 1));
}

export function checkOrderId(orderId: string, field: string): void {
  if (orderId.trim() === '' || orderId.length > 100) throw badUserInput(field, 'must be 1 to 100 characters');
}
