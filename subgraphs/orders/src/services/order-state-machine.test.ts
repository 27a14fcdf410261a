// The order state machine: every allowed move, and errors that name the current state for the rest.
import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { ALLOWED_FROM, assertTransition, canTransition, type OrderAction, type OrderStatus } from './order-state-machine.js';
import { shareOf } from './money-split.js';

const STATUSES: OrderStatus[] = ['PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'RETURNED', 'PARTIALLY_RETURNED'];

describe('order state machine', () => {
  it('allows the documented lifecycle and nothing from the final states', () => {
    const allowed = (s: OrderStatus) => (Object.keys(ALLOWED_FROM) as OrderAction[]).filter((a) => canTransition(s, a)).sort();
    expect(allowed('PLACED')).toEqual(['cancel', 'confirm', 'fail payment']);
    expect(allowed('CONFIRMED')).toEqual(['cancel', 'fail payment', 'ship']);
    expect(allowed('SHIPPED')).toEqual(['deliver']);
    expect(allowed('DELIVERED')).toEqual(['return']);
    expect(allowed('PARTIALLY_RETURNED')).toEqual(['return']);
    expect(allowed('CANCELLED')).toEqual([]);
    expect(allowed('RETURNED')).toEqual([]);
  });

  it('refuses an invalid transition with INVALID_TRANSITION naming the field and the current status', () => {
    for (const status of STATUSES) {
      if (canTransition(status, 'cancel')) continue;
      try {
        assertTransition({ id: 'ORD-1', status }, 'cancel');
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions).toMatchObject({ code: 'INVALID_TRANSITION', field: 'id', currentStatus: status });
        expect((error as GraphQLError).message).toContain(`it is ${status}`);
      }
    }
  });
});

describe('shareOf', () => {
  it('splits a line total over its units so that the parts add up exactly', () => {
    for (const [total, quantity] of [[1000, 3], [999, 7], [1, 2], [12345, 10]] as const) {
      let sum = 0;
      for (let from = 0; from < quantity; from++) sum += shareOf(total, quantity, from, 1);
      expect(sum).toBe(total);
      expect(shareOf(total, quantity, 0, 1) + shareOf(total, quantity, 1, quantity - 1)).toBe(total);
    }
  });
});
