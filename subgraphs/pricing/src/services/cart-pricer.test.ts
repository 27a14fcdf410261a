// The cart pricer on plain data: line amounts, totals, order, and how adjustments are applied.
import { describe, expect, it } from 'vitest';
import { priceCart, type CartLineToPrice } from './cart-pricer.js';

const usd = (centAmount: number) => ({ centAmount, currency: 'USD' });
const line = (sku: string, quantity: number, cents: number): CartLineToPrice => ({ sku, quantity, unitPrice: usd(cents), regularUnitPrice: usd(cents) });

describe('priceCart', () => {
  it('prices each line at unit price x quantity and sums the cart, keeping line order', () => {
    const cart = priceCart({ channel: 'STORE', currency: 'USD', lines: [line('SKU-000003', 2, 499), line('SKU-000001', 1, 1299), line('SKU-000002', 3, 99)] });
    expect(cart.lines.map((l) => l.sku)).toEqual(['SKU-000003', 'SKU-000001', 'SKU-000002']);
    expect(cart.lines.map((l) => l.lineSubtotal.centAmount)).toEqual([998, 1299, 297]);
    expect(cart.subtotal).toEqual(usd(998 + 1299 + 297));
    expect(cart.discountTotal).toEqual(usd(0));
    expect(cart.total).toEqual(usd(2594));
    expect(cart.lines.every((l) => l.adjustments.length === 0 && l.discount.centAmount === 0 && l.lineTotal.centAmount === l.lineSubtotal.centAmount)).toBe(true);
  });

  it('takes adjustments off their own line and out of the total', () => {
    const cart = priceCart({
      channel: 'ECOMMERCE',
      currency: 'USD',
      lines: [line('SKU-000001', 2, 500), line('SKU-000002', 1, 300)],
      adjustments: [
        { sku: 'SKU-000001', promotionId: 'PROMO-1', description: '2 for $8', amount: usd(200) },
        { sku: 'SKU-000001', promotionId: 'PROMO-2', description: '$1 off', amount: usd(100) },
      ],
    });
    expect(cart.lines[0]).toMatchObject({ lineSubtotal: usd(1000), discount: usd(300), lineTotal: usd(700) });
    expect(cart.lines[0]!.adjustments.map((a) => a.promotionId)).toEqual(['PROMO-1', 'PROMO-2']);
    expect(cart.lines[1]).toMatchObject({ discount: usd(0), lineTotal: usd(300) });
    expect(cart).toMatchObject({ subtotal: usd(1300), discountTotal: usd(300), total: usd(1000) });
  });

  it('never takes a line below zero', () => {
    const cart = priceCart({ channel: 'STORE', currency: 'USD', lines: [line('SKU-000001', 1, 250)], adjustments: [{ sku: 'SKU-000001', promotionId: 'P', description: 'free', amount: usd(999) }] });
    expect(cart.lines[0]).toMatchObject({ discount: usd(250), lineTotal: usd(0) });
    expect(cart.total).toEqual(usd(0));
  });

  it('refuses to sum amounts in different currencies', () => {
    expect(() => priceCart({ channel: 'STORE', currency: 'USD', lines: [{ ...line('SKU-000001', 1, 100), unitPrice: { centAmount: 100, currency: 'EUR' } }] })).toThrow(/EUR/);
  });
});
