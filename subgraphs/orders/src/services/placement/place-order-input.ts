// Checks the shape of a placement request and normalises it; bad input is a BAD_USER_INPUT naming the field, before anything is written.
import { badUserInput } from '@retail-hub/platform';

export type Channel = 'STORE' | 'ECOMMERCE' | 'MOBILE';
export type PaymentMethod = 'CARD' | 'GIFT_CARD' | 'WALLET' | 'BANK_TRANSFER';

export interface PlaceOrderInput {
  channel: Channel;
  locationId: string;
  customerRef: string;
  shipToRegion?: string | null;
  lines: { sku: string; quantity: number }[];
  payment?: { method: PaymentMethod; authorizationRef?: string | null } | null;
}

/** A line after merging duplicates, with the input index of its first occurrence (errors name it). */
export interface OrderLineRequest {
  sku: string;
  quantity: number;
  index: number;
}

export interface CheckedPlacement {
  channel: Channel;
  locationId: string;
  customerRef: string;
  shipToRegion: string | null;
  lines: OrderLineRequest[];
  payment: { method: PaymentMethod; authorizationRef: string | null };
}

/** The pricing subgraph's limits, so an order is refused for the same reasons a cart would be. */
export const MAX_ORDER_LINES = 200;
export const MAX_LINE_QUANTITY = 9999;
export const MAX_KEY_LENGTH = 255;

/** Methods that hold the money at placement; the others leave the order unpaid until the payment arrives. */
const AUTHORIZED_METHODS: PaymentMethod[] = ['CARD', 'GIFT_CARD', 'WALLET'];

export function checkIdempotencyKey(key: string): void {
  if (key.trim() === '' || key.length > MAX_KEY_LENGTH) throw badUserInput('idempotencyKey', `must be 1 to ${MAX_KEY_LENGTH} characters`);
}

export function checkPlaceOrderInput(input: PlaceOrderInput): CheckedPlacement {
  const customerRef = input.customerRef.trim();
  if (customerRef === '' || customerRef.length > 100) throw badUserInput('input.customerRef', 'must be 1 to 100 characters');
  if (input.locationId.trim() === '') throw badUserInput('input.locationId', 'is required');
  if (input.shipToRegion !== undefined && input.shipToRegion !== null) {
    if (input.channel === 'STORE') throw badUserInput('input.shipToRegion', 'only ECOMMERCE and MOBILE orders ship to a region; a STORE order ships from its store');
    if (input.shipToRegion.trim() === '') throw badUserInput('input.shipToRegion', 'must not be empty');
  }
  const lines = mergeLines(input.lines);
  const payment = input.payment;
  if (!payment) throw badUserInput('input.payment', 'is required: how the customer pays');
  const ref = payment.authorizationRef?.trim() || null;
  if (AUTHORIZED_METHODS.includes(payment.method) && !ref) throw badUserInput('input.payment.authorizationRef', `is required for ${payment.method}: the payment provider's authorization of the amount`);
  if (ref && ref.length > 200) throw badUserInput('input.payment.authorizationRef', 'at most 200 characters');
  return {
    channel: input.channel,
    locationId: input.locationId,
    customerRef,
    shipToRegion: input.shipToRegion?.trim().toUpperCase() || null,
    lines,
    payment: { method: payment.method, authorizationRef: ref },
  };
}

/** Whether the payment is authorized at placement (the order confirms at once) or arrives later (it waits, its hold lapses). */
export function paidAtPlacement(method: PaymentMethod): boolean {
  return AUTHORIZED_METHODS.includes(method);
}

/** Lines for the same SKU become one, at the first one's position: the way the pricing subgraph prices a cart. */
function mergeLines(lines: PlaceOrderInput['lines']): OrderLineRequest[] {
  if (lines.length === 0) throw badUserInput('input.lines', 'must have at least one line');
  if (lines.length > MAX_ORDER_LINES) throw badUserInput('input.lines', `at most ${MAX_ORDER_LINES} lines`);
  const merged = new Map<string, OrderLineRequest>();
  lines.forEach((line, index) => {
    const field = `input.lines.${index}.quantity`;
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY) throw badUserInput(field, `must be between 1 and ${MAX_LINE_QUANTITY} (got ${line.quantity})`);
    if (line.sku.trim() === '') throw badUserInput(`input.lines.${index}.sku`, 'is required');
    const first = merged.get(line.sku);
    if (!first) return void merged.set(line.sku, { sku: line.sku, quantity: line.quantity, index });
    first.quantity += line.quantity;
    if (first.quantity > MAX_LINE_QUANTITY) throw badUserInput(field, `${line.sku} comes to ${first.quantity} units over its lines; at most ${MAX_LINE_QUANTITY}`);
  });
  return [...merged.values()];
}
