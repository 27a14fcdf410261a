// Per-request context of the orders subgraph: the caller's verified claims and fresh DataLoaders.
import DataLoader from 'dataloader';
import type { Claims } from '@retail-hub/platform';
import type { OrderQueryService, OrderRequest } from './services/order-query.service.js';

export interface OrdersContext extends OrderRequest {
  claims: Claims;
  orderQueries: OrderQueryService;
}

export function createOrdersContext(claims: Claims, orderQueries: OrderQueryService): OrdersContext {
  return {
    claims,
    orderQueries,
    loaders: {
      orderById: new DataLoader((ids) => orderQueries.ordersById(ids)),
      linesByOrderId: new DataLoader((orderIds) => orderQueries.linesByOrderId(orderIds)),
    },
  };
}
