// OrderLine: the product stub the gateway resolves in the product subgraph.
import type { OrderLine } from '../services/order-model.js';

export const orderLineResolvers = {
  OrderLine: {
    product: (line: OrderLine) => ({ sku: line.sku }),
  },
};
