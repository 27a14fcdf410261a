// Placing an order, as the list of its steps: validate, price, route, reserve, confirm. Any failure undoes what was done.
import type { Workflow } from '@retail-hub/platform';
import type { CartPricingClient } from '../graph/cart-pricing.client.js';
import type { LocationDirectory } from '../graph/location-directory.js';
import type { ReservationsClient } from '../graph/reservations.client.js';
import type { PlacedOrderWriter } from '../services/placement/placed-order.writer.js';
import type { IdempotencyKeyRepository } from '../store/idempotency-key.repository.js';
import { confirmOrderStep } from './place-order/confirm-order.step.js';
import type { PlacementRefusal, PlacementState } from './place-order/placement-state.js';
import { priceCartStep } from './place-order/price-cart.step.js';
import { reserveStockStep } from './place-order/reserve-stock.step.js';
import { routeFulfilmentStep } from './place-order/route-fulfilment.step.js';
import { validateOrderStep } from './place-order/validate-order.step.js';

export const PLACE_ORDER_WORKFLOW = 'place-order';

export interface PlaceOrderWorkflowDeps {
  directory: LocationDirectory;
  pricing: CartPricingClient;
  reservations: ReservationsClient;
  writer: PlacedOrderWriter;
  keys: IdempotencyKeyRepository;
  clock: { now(): Date };
  /** How long an unpaid order's stock stays held. */
  paymentWindowSeconds: number;
}

export function placeOrderWorkflow(deps: PlaceOrderWorkflowDeps): Workflow<PlacementState> {
  return {
    name: PLACE_ORDER_WORKFLOW,
    steps: [
      validateOrderStep(deps.directory),
      priceCartStep(deps.pricing, deps.directory),
      routeFulfilmentStep(deps.pricing, deps.directory),
      reserveStockStep(deps.reservations, deps.paymentWindowSeconds),
      confirmOrderStep(deps.writer, deps.reservations),
    ],
    /**
     * The key keeps an expected outcome (not enough stock): a retry gets the same answer. After an
     * unexpected failure it is freed instead, so sending the request again tries again.
     */
    async onCompensated(state, error) {
      if (error.outcome) await deps.keys.complete(state.key, state.orderId, error.outcome, deps.clock.now().toISOString());
      else await deps.keys.release(state.key, state.orderId);
    },
    /**
     * Recovery gave up (inventory kept failing, say): the placement is neither done nor undone. The key answers
     * that from now on, rather than "still being processed" for ever, and is kept like any completed key. A key
     * that already holds the order (confirm-order ran, then the process died before the saga was saved) keeps it.
     */
    async onFailed(state) {
      const refusal: PlacementRefusal = {
        errors: [{ code: 'PLACEMENT_FAILED', field: null, message: `Order ${state.orderId} could neither be placed nor undone automatically; it was handed to the operations team. Do not send it again with this key.` }],
      };
      await deps.keys.complete(state.key, state.orderId, refusal, deps.clock.now().toISOString());
    },
  };
}
