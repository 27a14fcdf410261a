// Step 1: the promotion is VALIDATING and its saga saved (both in the submit's transaction); tell the caller.
import type { SagaStep } from '@retail-hub/platform';
import type { ValidationDeps, ValidationState } from '../validation-deps.js';

export function openValidationStep(deps: ValidationDeps): SagaStep<ValidationState> {
  return {
    name: 'open-validation',
    run: async (state) => void (state.submission && deps.onBegun(state.submission)),
    // The promotion goes back to DRAFT in the workflow's onCompensated, which knows why.
    compensate: async () => undefined,
  };
}
