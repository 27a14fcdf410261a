// Checks shared by the purchase-order mutations: lines that name SKUs on the order, whole quantities, ids, who may act.
import { badUserInput, forbidden, hasScope, hubError, notFound, supplierPartnerId, type Claims } from '@retail-hub/platform';
import type { LockedOrder } from '../../store/purchase-order-lifecycle.repository.js';
import type { PurchaseOrderLineRow } from '../../store/purchase-order-line.repository.js';

export const MAX_LINES = 500;
const MAX_ID_LENGTH = 100;
const MAX_TEXT = 200;

export interface SkuQuantityInput {
  sku: string;
  quantity: number;
}

/** Each line once, a SKU on the order, a whole quantity of at least `min`; returns the order's line for each. */
export function checkLines<T extends SkuQuantityInput>(lines: readonly T[], order: LockedOrder, min: number): { input: T; line: PurchaseOrderLineRow; index: number }[] {
  if (lines.length > MAX_LINES) throw badUserInput('input.lines', `at most ${MAX_LINES} lines`);
  const seen = new Set<string>();
  return lines.map((input, index) => {
    const line = order.lines.find((l) => l.sku === input.sku);
    if (!line) throw badUserInput(`input.lines.${index}.sku`, `${input.sku} is not on purchase order ${order.order.id}`);
    if (seen.has(input.sku)) throw badUserInput(`input.lines.${index}.sku`, `${input.sku} is listed twice`);
    seen.add(input.sku);
    if (!Number.isInteger(input.quantity) || input.quantity < min) throw badUserInput(`input.lines.${index}.quantity`, `must be a whole number of units, at least ${min}`);
    return { input, line, index };
  });
}

/** A caller's own id for a step (receipt, ship notice): sending it again does the step once. */
export function checkId(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (value.trim() === '' || value.length > MAX_ID_LENGTH) throw badUserInput(field, `must be 1 to ${MAX_ID_LENGTH} characters`);
  return value;
}

export function checkText(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (value.length > MAX_TEXT) throw badUserInput(field, `at most ${MAX_TEXT} characters`);
  return value;
}

/** The same answer for an order that does not exist and one of another supplier, so ids cannot be probed. */
export function orderNotFound(field: string, id: string): Error {
  return notFound(field, `${field}: no purchase order ${id}`);
}

/** Any one of `scopes` will do (the gateway's @requiresScopes says the same; this holds for calls that bypass it). */
export function requireScope(claims: Claims, scopes: string | string[], what: string): void {
  const any = Array.isArray(scopes) ? scopes : [scopes];
  if (!any.some((s) => hasScope(claims, s))) throw forbidden(`${what} needs the ${any.join(' or ')} scope`);
}

/** Steps only the retailer's own people take (receiving, cancelling): never a supplier partner. */
export function requireRetailer(claims: Claims, what: string): void {
  if (supplierPartnerId(claims)) throw forbidden(`${what} is not open to supplier partners`);
}

export function reusedId(field: string, id: string): Error {
  return hubError('IDEMPOTENCY_KEY_REUSED', `${field}: ${id} was already used for a different request`, { field });
}

/** A step the order's status does not allow: bad input naming the order, and nothing is written. */
export function wrongStatus(field: string, order: LockedOrder, what: string): Error {
  return hubError('BAD_USER_INPUT', `${field}: purchase order ${order.order.id} is ${order.order.status}; it cannot be ${what}`, { field, status: order.order.status });
}
