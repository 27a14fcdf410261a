// Prices a cart: checks the input, looks up each line's current price, and hands plain data to the cart pricer.
import { badUserInput } from '@retail-hub/platform';
import { priceCart, type PricedCart } from './cart-pricer.js';
import { mergeCartLines, type CartLineInput, type MergedCartLine } from './cart-input.js';
import type { PriceService } from './price.service.js';
import type { PricingLoaders } from './pricing.loader.js';
import type { Channel, Price } from './pricing-model.js';

export interface PriceCartInput {
  channel: Channel;
  locationId?: string | null;
  lines: CartLineInput[];
}

/** GraphQL Int is 32-bit: an amount above this cannot be returned. */
const MAX_CENT_AMOUNT = 2_147_483_647;

export class CartService {
  constructor(private readonly prices: PriceService) {}

  async priceCart(loaders: PricingLoaders, input: PriceCartInput): Promise<PricedCart> {
    const lines = mergeCartLines(input.lines);
    const region = await this.prices.regionFor(loaders, input.channel, input.locationId, 'input.locationId');
    const conditions = await loaders.listPricesBySku.loadMany(lines.map((l) => l.sku));
    const priced = lines.map((line, i) => {
      const found = conditions[i];
      if (found instanceof Error) throw found;
      const price = this.prices.currentPrice(found ?? [], input.channel, region);
      if (!price) throw badUserInput(`input.lines.${line.index}.sku`, found?.length ? `${line.sku} has no ${input.channel} price` : `no product ${line.sku} with a price`);
      return { line, price };
    });
    const currency = priced[0]!.price.amount.currency;
    const mixed = priced.find((p) => p.price.amount.currency !== currency);
    if (mixed) throw badUserInput(`input.lines.${mixed.line.index}.sku`, `${mixed.line.sku} is priced in ${mixed.price.amount.currency}, the cart in ${currency}`);
    const cart = priceCart({ channel: input.channel, currency, lines: priced.map(({ line, price }) => toLineToPrice(line, price)) });
    this.assertRepresentable(cart, lines);
    return cart;
  }

  private assertRepresentable(cart: PricedCart, lines: readonly MergedCartLine[]): void {
    cart.lines.forEach((line, i) => {
      if (line.lineSubtotal.centAmount > MAX_CENT_AMOUNT) throw badUserInput(`input.lines.${lines[i]!.index}.quantity`, 'the line comes to more than a cart can hold');
    });
    if (cart.subtotal.centAmount > MAX_CENT_AMOUNT) throw badUserInput('input.lines', 'the cart comes to more than a cart can hold');
  }
}

function toLineToPrice(line: CartLineInput, price: Price) {
  return { sku: line.sku, quantity: line.quantity, unitPrice: price.amount, regularUnitPrice: price.regular };
}
