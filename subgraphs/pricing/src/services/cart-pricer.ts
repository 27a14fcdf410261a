// Prices a cart from plain data: line amounts, discounts and totals. Promotions plug in by supplying adjustments.
import type { Channel, Money } from './pricing-model.js';

export interface CartLineToPrice {
  sku: string;
  quantity: number;
  /** The ERP list price of one unit. */
  regularUnitPrice: Money;
  /** What one unit sells for now (the regular price until a price promotion lowers it). */
  unitPrice: Money;
}

/** Money a promotion takes off one line; the promotions engine produces these. */
export interface LineAdjustment {
  sku: string;
  promotionId: string;
  description: string;
  /** Positive: the amount taken off. */
  amount: Money;
}

export interface CartToPrice {
  channel: Channel;
  currency: string;
  lines: readonly CartLineToPrice[];
  adjustments?: readonly LineAdjustment[];
}

export interface PricedCartLine {
  sku: string;
  quantity: number;
  unitPrice: Money;
  regularUnitPrice: Money;
  lineSubtotal: Money;
  discount: Money;
  lineTotal: Money;
  adjustments: { promotionId: string; description: string; amount: Money }[];
}

export interface PricedCart {
  channel: Channel;
  currency: string;
  lines: PricedCartLine[];
  subtotal: Money;
  discountTotal: Money;
  total: Money;
}

/**
 * Lines keep their order. Each line's discount is the sum of its adjustments, capped at the line's
 * subtotal so no line (and so no cart) is ever priced below zero.
 */
export function priceCart(cart: CartToPrice): PricedCart {
  const money = (centAmount: number): Money => ({ centAmount, currency: cart.currency });
  const lines = cart.lines.map((line): PricedCartLine => {
    for (const price of [line.unitPrice, line.regularUnitPrice]) assertCurrency(price, cart.currency, line.sku);
    const adjustments = (cart.adjustments ?? []).filter((a) => a.sku === line.sku);
    adjustments.forEach((a) => assertCurrency(a.amount, cart.currency, line.sku));
    const lineSubtotal = line.unitPrice.centAmount * line.quantity;
    const discount = Math.min(lineSubtotal, adjustments.reduce((sum, a) => sum + a.amount.centAmount, 0));
    return {
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      regularUnitPrice: line.regularUnitPrice,
      lineSubtotal: money(lineSubtotal),
      discount: money(discount),
      lineTotal: money(lineSubtotal - discount),
      adjustments: adjustments.map(({ promotionId, description, amount }) => ({ promotionId, description, amount })),
    };
  });
  const subtotal = lines.reduce((sum, l) => sum + l.lineSubtotal.centAmount, 0);
  const discountTotal = lines.reduce((sum, l) => sum + l.discount.centAmount, 0);
  return { channel: cart.channel, currency: cart.currency, lines, subtotal: money(subtotal), discountTotal: money(discountTotal), total: money(subtotal - discountTotal) };
}

/** Amounts in different currencies cannot be summed; the caller must have priced the cart in one. */
function assertCurrency(amount: Money, currency: string, sku: string): void {
  if (amount.currency !== currency) throw new Error(`cart in ${currency}: ${sku} is priced in ${amount.currency}`);
}
