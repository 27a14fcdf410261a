// Step 2: what the targets mean today: every product they name (from the graph), with cost, margin floor and supplier; and where and when it runs.
import { retryWithBackoff, SagaAbort, type SagaStep } from '@retail-hub/platform';
import { promotionWindows } from '../../services/promotions/promotion-windows.js';
import { toPromotion } from '../../services/promotions/promotion-model.js';
import { toPricingLocation } from '../../services/pricing-model.js';
import type { ValidationDeps, ValidationState } from '../validation-deps.js';

export function resolveTargetsStep(deps: ValidationDeps): SagaStep<ValidationState> {
  return {
    name: 'resolve-targets',
    async run(state) {
      const { stores } = deps;
      const promotion = toPromotion((await stores.promotions.find(state.promotionId))!);
      // The graph may be briefly unreachable (a restart, a deploy): a few tries before giving up.
      const items = await retryWithBackoff(() => deps.catalog.itemsFor(promotion.targets), { attempts: 4, baseMs: 500, capMs: 5000 });
      if (items.length === 0) throw new SagaAbort({ code: 'NO_ITEMS' }, 'the targets match no product in the catalog');
      const found = new Set(items.map((i) => i.sku));
      const missingSkus = (promotion.targets.skus ?? []).filter((s) => !found.has(s));
      const windows = promotionWindows(promotion.id, promotion, (await stores.locations.all()).map(toPricingLocation), deps.onlineLocationId);
      if (windows.length === 0) throw new SagaAbort({ code: 'NO_LOCATIONS' }, 'no store or online location matches the promotion');
      await stores.db.transaction().execute(async (trx) => {
        await stores.items.replace(
          trx,
          promotion.id,
          items.map((i) => ({
            promotion_id: promotion.id,
            sku: i.sku,
            category_id: i.categoryId,
            brand: i.brand,
            unit_cost: i.unitCost,
            min_margin_bp: i.minMarginBp,
            excluded: 0,
            margin_approved: 0,
            item_status: i.status,
            promotable: i.promotable ? 1 : 0,
            supplier_lead_time_days: i.supplier?.leadTimeDays ?? null,
            supplier_weekly_capacity: i.supplier?.weeklyCapacity ?? null,
          })),
        );
        await stores.windows.replace(trx, promotion.id, windows);
      });
      return { missingSkus };
    },
    async compensate(state) {
      await deps.stores.db.transaction().execute(async (trx) => {
        await deps.stores.items.replace(trx, state.promotionId, []);
        await deps.stores.windows.replace(trx, state.promotionId, []);
      });
    },
  };
}
