// Step 5: records the order (CONFIRMED when paid, else PLACED awaiting payment) with its events and ERP posting, in one transaction.
import { SagaAbort, type SagaStep } from '@retail-hub/platform';
import type { ReservationsClient } from '../../graph/reservations.client.js';
import type { PlacedOrderWriter } from '../../services/placement/placed-order.writer.js';
import type { PlacementRefusal, PlacementState } from './placement-state.js';

export function confirmOrderStep(writer: PlacedOrderWriter, reservations: ReservationsClient): SagaStep<PlacementState> {
  return {
    name: 'confirm-order',
    // The runner marks the saga COMPLETED right after: a separate checkpoint would only repeat that write.
    checkpoint: false,
    async run(state, ctx) {
      // A saga resumed after a crash may find an unpaid hold lapsed meanwhile: then it is undone, not confirmed.
      if (ctx.resumed) {
        const held = await reservations.read(state.orderId);
        if (held?.status !== 'HELD') {
          throw new SagaAbort({ errors: [{ code: 'RESERVATION_LAPSED', field: null, message: `The stock held for ${state.orderId} was ${held?.status ?? 'released'} before the order could be recorded; nothing was placed.` }] } satisfies PlacementRefusal);
        }
      }
      const order = await writer.write(state, ctx.resumed);
      // The live caller answers with the order as written, without reading it back.
      return order ? { placed: order } : {};
    },
  };
}
