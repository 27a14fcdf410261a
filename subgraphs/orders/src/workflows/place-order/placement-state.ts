// What the place-order saga carries from step to step, saved with it so a crash resumes where it stopped.
import type { PricedCart, StockAvailability } from '../../graph/cart-pricing.client.js';
import type { HeldLine } from '../../graph/reservations.client.js';
import type { Allocation, RoutingLocation } from '../../services/fulfilment-routing.js';
import type { CheckedPlacement } from '../../services/placement/place-order-input.js';
import type { Order } from '../../services/order-model.js';

export interface PlacementState {
  orderId: string;
  /** Who placed it (the caller's subject): the timeline's actor. */
  actor: string;
  /** The caller-scoped idempotency key the placement completes. */
  key: string;
  placedAt: string;
  input: CheckedPlacement;
  /** validate-order: where it was placed, and the customer's region for routing. */
  location?: RoutingLocation;
  region?: string;
  /** price-cart: the price charged (stored on the order as computed here), and stock of the first routing candidates. */
  priced?: PricedCart;
  stock?: StockAvailability[];
  /** route-fulfilment: where each unit ships from. */
  allocations?: Allocation[];
  /** reserve-stock: what inventory holds for the order. */
  held?: HeldLine[];
  /** confirm-order: the order as written. */
  placed?: Order;
}

/** The expected outcome that stops a placement (SagaAbort's outcome), in the result's `errors` shape. */
export interface PlacementRefusal {
  errors: { code: string; message: string; field: string | null }[];
}
