// Fulfilment and return types: the Location and Product stubs the gateway resolves in inventory and product.
import type { Fulfilment, OrderReturn } from '../services/order-details.service.js';

export const fulfilmentResolvers = {
  Fulfilment: {
    location: (f: Fulfilment) => ({ id: f.locationId }),
  },
  FulfilmentLine: {
    product: (line: { sku: string }) => ({ sku: line.sku }),
  },
  OrderReturn: {
    restockLocation: (r: OrderReturn) => ({ id: r.restockLocationId }),
  },
};
