// PricedLine: its Product stub, for the gateway to fill in from the other subgraphs.
import type { PricedCartLine } from '../services/cart-pricer.js';

export const cartResolvers = {
  PricedLine: {
    product: (line: PricedCartLine) => ({ sku: line.sku }),
  },
};
