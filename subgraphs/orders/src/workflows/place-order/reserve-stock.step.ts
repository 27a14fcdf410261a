// Step 4: holds the routed units in inventory, all or none; undone by releasing them.
import { SagaAbort, type SagaStep } from '@retail-hub/platform';
import type { ReservationsClient } from '../../graph/reservations.client.js';
import { paidAtPlacement } from '../../services/placement/place-order-input.js';
import type { PlacementRefusal, PlacementState } from './placement-state.js';

export function reserveStockStep(reservations: ReservationsClient, paymentWindowSeconds: number): SagaStep<PlacementState> {
  return {
    name: 'reserve-stock',
    // The saga is saved as "in reserve-stock" before this runs; a recovered saga runs it again and inventory
    // answers with the hold it already has, so saving its outcome as well would only cost a write.
    checkpoint: false,
    async run(state) {
      const lines = state.allocations!.flatMap((a) => a.lines.map((l) => ({ sku: l.sku, locationId: a.locationId, quantity: l.quantity })));
      // A paid order's hold is firm; an unpaid one lapses unless the payment arrives in time.
      const ttl = paidAtPlacement(state.input.payment.method) ? null : paymentWindowSeconds;
      const outcome = await reservations.reserve(state.orderId, lines, ttl);
      if (outcome.errors.length > 0) {
        const indexOf = (field: string | null) => {
          const sent = lines[Number(/^input\.lines\.(\d+)\./.exec(field ?? '')?.[1] ?? -1)];
          return sent ? state.input.lines.find((l) => l.sku === sent.sku)?.index : undefined;
        };
        const refusal: PlacementRefusal = {
          errors: outcome.errors.map((e) => ({ code: e.code, message: e.message.replace('Nothing was reserved.', 'Nothing was placed.'), field: indexOf(e.field) === undefined ? null : `input.lines.${indexOf(e.field)}.quantity` })),
        };
        throw new SagaAbort(refusal, 'inventory could not hold the units');
      }
      if (outcome.reservation?.status !== 'HELD') {
        throw new SagaAbort({ errors: [{ code: 'RESERVATION_LAPSED', field: null, message: `The stock held for ${state.orderId} was ${outcome.reservation?.status ?? 'lost'}; nothing was placed.` }] } satisfies PlacementRefusal);
      }
      // On a retry inventory returns the hold it already has: its lines are what the order gets.
      return { held: outcome.reservation.lines };
    },
    async compensate(state) {
      await reservations.release(state.orderId, 'PLACEMENT_FAILED');
    },
  };
}
