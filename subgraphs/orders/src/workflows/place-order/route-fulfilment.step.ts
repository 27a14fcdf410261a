// Step 3: decides where each unit ships from (the pure routing function); not enough anywhere stops the placement.
import { SagaAbort, type SagaStep } from '@retail-hub/platform';
import type { CartPricingClient, StockAvailability } from '../../graph/cart-pricing.client.js';
import type { LocationDirectory } from '../../graph/location-directory.js';
import { candidateTiers, routeFulfilment, type Routing } from '../../services/fulfilment-routing.js';
import type { PlacementRefusal, PlacementState } from './placement-state.js';

export function routeFulfilmentStep(pricing: CartPricingClient, directory: LocationDirectory): SagaStep<PlacementState> {
  return {
    name: 'route-fulfilment',
    checkpoint: false,
    async run(state) {
      const { input } = state;
      const locations = await directory.all();
      const lines = input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));
      const route = (stock: StockAvailability[]): Routing => {
        const available = new Map(stock.map((s) => [`${s.locationId}|${s.sku}`, s.available]));
        return routeFulfilment({ channel: input.channel, placedAt: state.location!, region: state.region!, lines, locations, available: (loc, sku) => available.get(`${loc}|${sku}`) ?? 0 });
      };
      let routing = route(state.stock ?? []);
      if (!routing.ok) {
        // The centre and the DCs cannot fill it: the stores of the customer's region may help.
        const stores = candidateTiers(locations, state.region!)[2]!.map((l) => l.id);
        routing = route([...(state.stock ?? []), ...(stores.length ? await pricing.stock([...new Set(lines.map((l) => l.sku))], stores) : [])]);
      }
      if (!routing.ok) {
        const refusal: PlacementRefusal = {
          errors: routing.short.map((s) => ({
            code: 'INSUFFICIENT_STOCK',
            field: `input.lines.${input.lines.find((l) => l.sku === s.sku)!.index}.quantity`,
            message: `Only ${s.available} of ${s.sku} available to ship to ${state.region}; ${s.quantity} ordered. Nothing was placed.`,
          })),
        };
        throw new SagaAbort(refusal, 'not enough stock to route the order');
      }
      return { allocations: routing.allocations };
    },
  };
}
