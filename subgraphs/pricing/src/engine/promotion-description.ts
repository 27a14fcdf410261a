// What a customer reads for a deal ("3 for $10.00"), in the deal's currency.
import type { PromotionRule, PromotionType } from './engine-model.js';

const formatters = new Map<string, { format: Intl.NumberFormat; digits: number }>();

/** Minor units as money text, e.g. 1000 USD -> "$10.00", 500 JPY -> "¥500". */
export function formatMoney(minor: number, currency: string): string {
  let f = formatters.get(currency);
  if (!f) {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    f = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    formatters.set(currency, f);
  }
  return f.format.format(minor / 10 ** f.digits);
}

export function describeDeal(type: PromotionType, rule: PromotionRule): string {
  const money = (n: number | undefined) => formatMoney(n ?? 0, rule.currency);
  switch (type) {
    case 'PERCENT_OFF':
      return `${(rule.percentOffBp ?? 0) / 100}% off`;
    case 'AMOUNT_OFF':
      return `${money(rule.amountOff)} off`;
    case 'FIXED_PRICE':
      return `Now ${money(rule.fixedPrice)}`;
    case 'BUY_X_GET_Y':
      return `Buy ${rule.buyQuantity}, get ${rule.getQuantity} free`;
    case 'MULTIBUY':
      return `${rule.bundleQuantity} for ${money(rule.bundlePrice)}`;
    case 'SPEND_THRESHOLD':
      return `Spend ${money(rule.spendThreshold)}, save ${money(rule.spendDiscount)}`;
  }
}
