// Prices a cart: checks the input, looks up each line's current price, and hands plain data to the cart pricer.
import { badUserInput } from '@retail-hub/platform';
import { priceCartWithPromotions } from '../engine/price-cart.js';
import type { PricedCart } from './cart-pricer.js';
import { mergeCartLines, type CartLineInput, type MergedCartLine } from './cart-input.js';
import type { PriceService } from './price.service.js';
import type { PricingLoaders } from './pricing.loader.js';
import type { Channel, Price } from './pricing-model.js';
import { mergeCartPromotions, type SkuPromotions } from './promotions/active-promotions.service.js';

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
    // Promotions run per store, and nationally online (the online centre's windows).
    const location = this.prices.activePromotions.promotionLocation(input.channel, input.locationId);
    const perSku: SkuPromotions[] = location
      ? await Promise.all(lines.map((l) => loaders.activePromotions.load(this.prices.activePromotions.key(input.channel, location, l.sku))))
      : lines.map(() => ({ promotions: [], unitCost: null }));
    const cart = priceCartWithPromotions(
      { channel: input.channel, currency, lines: priced.map(({ line, price }, i) => ({ ...toLineToPrice(line, price), unitCost: perSku[i]!.unitCost })) },
      mergeCartPromotions(perSku),
    );
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

/** Promotions are adjustments on the line, so a line starts from the list price. */
function toLineToPrice(line: CartLineInput, price: Price) {
  return { sku: line.sku, quantity: line.quantity, unitPrice: price.regular, regularUnitPrice: price.regular };
}
