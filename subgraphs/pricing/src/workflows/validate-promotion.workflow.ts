// The validation saga of a submitted promotion: resolve what it targets, run each check, conclude READY or BLOCKED.
import type { Workflow } from '@retail-hub/platform';
import { checkDatesStep } from './steps/check-dates.step.js';
import { checkEligibilityStep } from './steps/check-eligibility.step.js';
import { checkMarginStep } from './steps/check-margin.step.js';
import { checkStockStep } from './steps/check-stock.step.js';
import { checkSupplierCapacityStep } from './steps/check-supplier-capacity.step.js';
import { concludeValidationStep } from './steps/conclude-validation.step.js';
import { openValidationStep } from './steps/open-validation.step.js';
import { resolveTargetsStep } from './steps/resolve-targets.step.js';
import type { ValidationDeps, ValidationState } from './validation-deps.js';

export const VALIDATE_PROMOTION = 'validate-promotion';

export function validatePromotionWorkflow(deps: ValidationDeps): Workflow<ValidationState> {
  return {
    name: VALIDATE_PROMOTION,
    steps: [
      openValidationStep(deps),
      resolveTargetsStep(deps),
      checkDatesStep(deps),
      checkEligibilityStep(deps),
      checkMarginStep(deps),
      checkStockStep(deps),
      checkSupplierCapacityStep(deps),
      concludeValidationStep(deps),
    ],
    // Every step undone: the promotion goes back to DRAFT saying why, to be fixed or submitted again.
    async onCompensated(state, error) {
      const reason = (error.outcome as { code?: string } | undefined)?.code ? `${error.message}` : `validation could not finish: ${error.message}`;
      await deps.stores.promotions.transition(deps.stores.db, state.promotionId, ['VALIDATING'], { status: 'DRAFT', status_reason: reason, updated_at: deps.clock.now().toISOString() });
    },
  };
}
