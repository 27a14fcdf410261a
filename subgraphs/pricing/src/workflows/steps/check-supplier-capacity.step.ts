// Step 7: SUPPLIER_CAPACITY, per SKU: can the primary supplier land the stock shortfall before the start?
import type { SagaStep } from '@retail-hub/platform';
import { supplierCapacityExceptions, type SupplierTerms } from '../checks/stock.check.js';
import { deleteExceptions, writeExceptions, type ValidationDeps, type ValidationState } from '../validation-deps.js';

const DAY_MS = 86_400_000;

export function checkSupplierCapacityStep(deps: ValidationDeps): SagaStep<ValidationState> {
  return {
    name: 'check-supplier-capacity',
    async run(state) {
      const { stores } = deps;
      const shortfall = await stores.exceptions.shortfallBySku(state.promotionId, state.run);
      const terms = new Map<string, SupplierTerms | null>();
      for (const i of await stores.items.items(state.promotionId)) {
        terms.set(i.sku, i.supplier_lead_time_days === null || i.supplier_weekly_capacity === null ? null : { leadTimeDays: i.supplier_lead_time_days, weeklyCapacity: i.supplier_weekly_capacity });
      }
      const windows = await stores.windows.forPromotion(state.promotionId);
      const firstStart = Math.min(...windows.map((w) => Date.parse(w.starts_at)));
      const daysUntilStart = Math.max(0, (firstStart - deps.clock.now().getTime()) / DAY_MS);
      await writeExceptions(deps, state, ['SUPPLIER_CAPACITY'], supplierCapacityExceptions(shortfall, terms, daysUntilStart));
    },
    compensate: (state) => deleteExceptions(deps, state, ['SUPPLIER_CAPACITY']),
  };
}
