// Step 2: prices the cart through the graph (the price charged is this one, stored on the order), with the stock routing looks at first.
import type { SagaStep } from '@retail-hub/platform';
import type { CartPricingClient } from '../../graph/cart-pricing.client.js';
import type { LocationDirectory } from '../../graph/location-directory.js';
import { candidateTiers } from '../../services/fulfilment-routing.js';
import type { PlacementState } from './placement-state.js';

export function priceCartStep(pricing: CartPricingClient, directory: LocationDirectory): SagaStep<PlacementState> {
  return {
    name: 'price-cart',
    checkpoint: false,
    async run(state) {
      const { input } = state;
      // Ecommerce routing first looks at the centre and the DCs: their stock comes back with the price.
      const firstTiers = input.channel === 'STORE' ? [] : candidateTiers(await directory.all(), state.region!).slice(0, 2).flat().map((l) => l.id);
      const cart = { channel: input.channel, locationId: input.locationId, lines: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) };
      const { priced, stock } = await pricing.price(cart, firstTiers, (position: number) => input.lines[position]?.index ?? position);
      return { priced, stock };
    },
  };
}
