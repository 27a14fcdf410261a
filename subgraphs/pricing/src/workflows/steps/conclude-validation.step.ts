// Step 8: READY when nothing was found, else BLOCKED until people resolve every exception.
import type { SagaStep } from '@retail-hub/platform';
import type { ValidationDeps, ValidationState } from '../validation-deps.js';

export function concludeValidationStep(deps: ValidationDeps): SagaStep<ValidationState> {
  return {
    name: 'conclude-validation',
    async run(state) {
      const { stores } = deps;
      await stores.db.transaction().execute(async (trx) => {
        const open = await stores.exceptions.openCount(trx, state.promotionId);
        const now = deps.clock.now().toISOString();
        // From VALIDATING only: a promotion cancelled meanwhile stays cancelled.
        await stores.promotions.transition(trx, state.promotionId, ['VALIDATING'], {
          status: open === 0 ? 'READY' : 'BLOCKED',
          status_reason: open === 0 ? null : `${open} exception${open === 1 ? '' : 's'} to resolve`,
          updated_at: now,
        });
      });
    },
  };
}
