// Step 1 of placing an order: the location exists, is open and fits the channel; the customer's region is known.
import { badUserInput, type SagaStep } from '@retail-hub/platform';
import type { LocationDirectory } from '../../graph/location-directory.js';
import type { PlacementState } from './placement-state.js';

export function validateOrderStep(directory: LocationDirectory): SagaStep<PlacementState> {
  return {
    name: 'validate-order',
    // No effects: a crash before the saga is saved simply runs it again.
    checkpoint: false,
    async run({ input }) {
      const location = await directory.get(input.locationId);
      if (!location) throw badUserInput('input.locationId', `no location ${input.locationId}`);
      if (!location.active) throw badUserInput('input.locationId', `${input.locationId} is closed`);
      if (input.channel === 'STORE' && location.type !== 'STORE') throw badUserInput('input.locationId', `a STORE order is placed at a store; ${input.locationId} is a ${location.type}`);
      if (input.shipToRegion && !(await directory.hasRegion(input.shipToRegion))) throw badUserInput('input.shipToRegion', `no locations in region ${input.shipToRegion}`);
      return { location, region: input.shipToRegion ?? location.region };
    },
  };
}
