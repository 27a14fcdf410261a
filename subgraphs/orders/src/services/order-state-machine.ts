// The order state machine: which action is allowed from which status; an invalid transition names the current state.
import { hubError } from '@retail-hub/platform';

export type OrderStatus = 'PLACED' | 'CONFIRMED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'RETURNED' | 'PARTIALLY_RETURNED';
export type PaymentStatus = 'PENDING' | 'AUTHORIZED' | 'CAPTURED' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'VOIDED' | 'FAILED';
export type OrderAction = 'confirm' | 'cancel' | 'ship' | 'deliver' | 'return' | 'fail payment';

/**
 * PLACED -> CONFIRMED -> SHIPPED -> DELIVERED -> (PARTIALLY_)RETURNED; CANCELLED from PLACED or
 * CONFIRMED before anything shipped (a failed payment cancels too).
 */
export const ALLOWED_FROM: Record<OrderAction, readonly OrderStatus[]> = {
  confirm: ['PLACED'],
  cancel: ['PLACED', 'CONFIRMED'],
  ship: ['CONFIRMED'],
  deliver: ['SHIPPED'],
  return: ['DELIVERED', 'PARTIALLY_RETURNED'],
  'fail payment': ['PLACED', 'CONFIRMED'],
};

export function canTransition(status: string, action: OrderAction): boolean {
  return (ALLOWED_FROM[action] as readonly string[]).includes(status);
}

/** Throws INVALID_TRANSITION (naming `field` and the current status) unless the action is allowed now. */
export function assertTransition(order: { id: string; status: string }, action: OrderAction, field = 'id'): void {
  if (canTransition(order.status, action)) return;
  throw invalidTransition(order, action, `it must be ${ALLOWED_FROM[action].join(' or ')}`, field);
}

export function invalidTransition(order: { id: string; status: string }, action: OrderAction, why: string, field = 'id') {
  return hubError('INVALID_TRANSITION', `${field}: cannot ${action} order ${order.id}: it is ${order.status}; ${why}.`, { field, currentStatus: order.status });
}
