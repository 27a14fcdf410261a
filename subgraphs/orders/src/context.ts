// Per-request context of the orders subgraph: the caller's verified claims, the services, and fresh DataLoaders.
import DataLoader from 'dataloader';
import type { Claims } from '@retail-hub/platform';
import type { ErpPosting, ErpPostingService } from './services/erp-posting.service.js';
import type { OrderLifecycleService } from './services/lifecycle/order-lifecycle.service.js';
import type { OrderReturnService } from './services/lifecycle/order-return.service.js';
import type { Fulfilment, OrderDetailsService, OrderReturn, OrderTransition } from './services/order-details.service.js';
import type { OrderQueryService, OrderRequest } from './services/order-query.service.js';
import type { PlaceOrderService } from './services/placement/place-order.service.js';

export interface OrdersServices {
  orderQueries: OrderQueryService;
  details: OrderDetailsService;
  placement: PlaceOrderService;
  lifecycle: OrderLifecycleService;
  returns: OrderReturnService;
  postings: ErpPostingService;
}

export interface OrdersContext extends OrderRequest, OrdersServices {
  claims: Claims;
  loaders: OrderRequest['loaders'] & {
    fulfilmentsByOrderId: DataLoader<string, Fulfilment[]>;
    timelineByOrderId: DataLoader<string, OrderTransition[]>;
    returnsByOrderId: DataLoader<string, OrderReturn[]>;
    postingsByOrderId: DataLoader<string, ErpPosting[]>;
  };
}

export function createOrdersContext(claims: Claims, services: OrdersServices): OrdersContext {
  const { orderQueries, details, postings } = services;
  const orderById = new DataLoader((ids: readonly string[]) => orderQueries.ordersById(ids));
  return {
    claims,
    ...services,
    loaders: {
      orderById,
      linesByOrderId: new DataLoader((orderIds) => orderQueries.linesByOrderId(orderIds)),
      fulfilmentsByOrderId: new DataLoader((orderIds) => details.fulfilmentsByOrderId(orderIds)),
      timelineByOrderId: new DataLoader((orderIds) => details.timelineByOrderId(orderIds)),
      returnsByOrderId: new DataLoader((orderIds) => details.returnsByOrderId(orderIds, async (id) => (await orderById.load(id))?.total.currency ?? 'USD')),
      postingsByOrderId: new DataLoader((orderIds) => postings.postingsByOrderId(orderIds)),
    },
  };
}
