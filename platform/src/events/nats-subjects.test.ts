// Subject mapping agrees with typeMatches: what a filter lets through is what the pattern matches.
import { describe, expect, it } from 'vitest';
import { consumerNameFor, coveringFilter, filterForPattern, subjectForType } from './nats-subjects.js';

describe('NATS subjects', () => {
  it('puts a type under the prefix and turns `.*` patterns into `.>` filters', () => {
    expect(subjectForType('hub.', 'inventory.stock.changed.v1')).toBe('hub.inventory.stock.changed.v1');
    expect(filterForPattern('hub.', 'orders.order.*')).toBe('hub.orders.order.>');
    expect(filterForPattern('hub.', 'orders.order.placed.v1')).toBe('hub.orders.order.placed.v1');
    expect(filterForPattern('hub.', '*')).toBe('hub.>');
  });

  it('refuses types that are not plain subject tokens', () => {
    expect(() => subjectForType('hub.', 'orders..placed')).toThrow();
    expect(() => subjectForType('hub.', 'orders.*.placed')).toThrow();
    expect(() => filterForPattern('hub.', 'orders order.*')).toThrow();
  });

  it('covers several filters with their common leading tokens', () => {
    expect(coveringFilter(['hub.a.b.c', 'hub.a.b.c'])).toBe('hub.a.b.c');
    expect(coveringFilter(['hub.a.b.c', 'hub.a.b.d'])).toBe('hub.a.b.>');
    expect(coveringFilter(['hub.a.b.>', 'hub.a.c'])).toBe('hub.a.>');
    expect(coveringFilter(['hub.a.b', 'hub.a.b.c'])).toBe('hub.a.>');
    expect(coveringFilter(['hub.a.>', 'hub.>'])).toBe('hub.>');
    expect(coveringFilter(['t-1.hub.x.y', 't-1.hub.z.y'])).toBe('t-1.hub.>');
  });

  it('makes any name a valid consumer name', () => {
    expect(consumerNameFor('orders.projection v2')).toBe('orders_projection_v2');
    expect(() => consumerNameFor('')).toThrow();
  });
});
