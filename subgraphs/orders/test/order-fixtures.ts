// Orders the tests write through the repository, with amounts that add up the way placement will compute them.
import type { NewOrderRecord } from '../src/store/order.repository.js';

export interface FixtureLine {
  sku: string;
  quantity: number;
  regular: number;
  unit: number;
}

export interface FixtureOrder {
  id: string;
  status: string;
  paymentStatus: string;
  channel: string;
  locationId: string;
  customerRef: string;
  placedAt: string;
  lines: FixtureLine[];
}

export function orderRecord(o: FixtureOrder, idempotencyKey: string | null = null): NewOrderRecord {
  const subtotal = o.lines.reduce((sum, l) => sum + l.regular * l.quantity, 0);
  const total = o.lines.reduce((sum, l) => sum + l.unit * l.quantity, 0);
  return {
    order: {
      id: o.id,
      idempotency_key: idempotencyKey,
      status: o.status,
      payment_status: o.paymentStatus,
      channel: o.channel,
      location_id: o.locationId,
      customer_ref: o.customerRef,
      currency: 'USD',
      subtotal_cent_amount: subtotal,
      discount_cent_amount: subtotal - total,
      total_cent_amount: total,
      placed_at: o.placedAt,
      updated_at: o.placedAt,
    },
    lines: o.lines.map((l) => ({
      sku: l.sku,
      quantity: l.quantity,
      unit_price_cent_amount: l.unit,
      regular_unit_price_cent_amount: l.regular,
      discount_cent_amount: (l.regular - l.unit) * l.quantity,
      line_total_cent_amount: l.unit * l.quantity,
    })),
  };
}

const line = (sku: string, quantity: number, regular: number, unit = regular): FixtureLine => ({ sku, quantity, regular, unit });

/** Eight orders over a week; ORD-000004 and ORD-000005 share an instant, ORD-000008 was placed with a UTC offset. */
export const FIXTURE_ORDERS: FixtureOrder[] = [
  { id: 'ORD-000001', status: 'PLACED', paymentStatus: 'AUTHORIZED', channel: 'STORE', locationId: 'LOC-S0001', customerRef: 'CUST-A', placedAt: '2026-03-01T09:00:00.000Z', lines: [line('SKU-000001', 2, 499, 399), line('SKU-000002', 1, 1299)] },
  { id: 'ORD-000002', status: 'CONFIRMED', paymentStatus: 'CAPTURED', channel: 'ECOMMERCE', locationId: 'LOC-E01', customerRef: 'CUST-B', placedAt: '2026-03-02T10:00:00.000Z', lines: [line('SKU-000003', 3, 250)] },
  { id: 'ORD-000003', status: 'SHIPPED', paymentStatus: 'CAPTURED', channel: 'MOBILE', locationId: 'LOC-E01', customerRef: 'CUST-A', placedAt: '2026-03-03T11:00:00.000Z', lines: [line('SKU-000004', 1, 899, 799)] },
  { id: 'ORD-000004', status: 'DELIVERED', paymentStatus: 'CAPTURED', channel: 'STORE', locationId: 'LOC-S0002', customerRef: 'CUST-C', placedAt: '2026-03-04T12:00:00.000Z', lines: [line('SKU-000005', 4, 125)] },
  { id: 'ORD-000005', status: 'CANCELLED', paymentStatus: 'VOIDED', channel: 'ECOMMERCE', locationId: 'LOC-E01', customerRef: 'CUST-B', placedAt: '2026-03-04T12:00:00.000Z', lines: [line('SKU-000001', 1, 499)] },
  { id: 'ORD-000006', status: 'RETURNED', paymentStatus: 'REFUNDED', channel: 'STORE', locationId: 'LOC-S0001', customerRef: 'CUST-A', placedAt: '2026-03-05T08:00:00.000Z', lines: [line('SKU-000006', 1, 2999)] },
  { id: 'ORD-000007', status: 'PARTIALLY_RETURNED', paymentStatus: 'PARTIALLY_REFUNDED', channel: 'MOBILE', locationId: 'LOC-E01', customerRef: 'CUST-C', placedAt: '2026-03-06T07:30:00.000Z', lines: [line('SKU-000007', 2, 650), line('SKU-000008', 2, 150, 100)] },
  { id: 'ORD-000008', status: 'PLACED', paymentStatus: 'FAILED', channel: 'ECOMMERCE', locationId: 'LOC-E01', customerRef: 'CUST-A', placedAt: '2026-03-06T09:00:00+02:00', lines: [line('SKU-000002', 1, 1299)] },
];

/** Newest first, ties by id descending: the order every list must come back in. */
export function newestFirst(orders: FixtureOrder[]): string[] {
  return [...orders]
    .sort((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt) || (a.id < b.id ? 1 : -1))
    .map((o) => o.id);
}
