// Step 4: ITEM_NOT_ELIGIBLE, from what the ERP item master (read through the graph by resolve-targets) says about each item.
import type { SagaStep } from '@retail-hub/platform';
import { eligibilityExceptions } from '../checks/eligibility.check.js';
import { deleteExceptions, writeExceptions, type ValidationDeps, type ValidationState } from '../validation-deps.js';

export function checkEligibilityStep(deps: ValidationDeps): SagaStep<ValidationState> {
  return {
    name: 'check-eligibility',
    async run(state) {
      const items = (await deps.stores.items.items(state.promotionId)).map((i) => ({ sku: i.sku, status: i.item_status, promotable: i.promotable === 1 }));
      await writeExceptions(deps, state, ['ITEM_NOT_ELIGIBLE'], eligibilityExceptions(items, state.missingSkus ?? []));
    },
    compensate: (state) => deleteExceptions(deps, state, ['ITEM_NOT_ELIGIBLE']),
  };
}
