// Step 3: DATE_CONFLICT, against every other promotion that is validated, scheduled or live.
import type { SagaStep } from '@retail-hub/platform';
import { toPromotion, type Promotion } from '../../services/promotions/promotion-model.js';
import { dateConflictExceptions, type PromotionFootprint } from '../checks/date-conflict.check.js';
import { deleteExceptions, writeExceptions, type ValidationDeps, type ValidationState } from '../validation-deps.js';

const COMMITTED = ['VALIDATING', 'READY', 'BLOCKED', 'SCHEDULED', 'LIVE'];

export function checkDatesStep(deps: ValidationDeps): SagaStep<ValidationState> {
  return {
    name: 'check-dates',
    async run(state) {
      const { stores } = deps;
      const self = toPromotion((await stores.promotions.find(state.promotionId))!);
      const others = (await stores.promotions.overlapping(COMMITTED, self.startsAt, self.endsAt, self.id)).map(toPromotion);
      const items = await stores.items.itemsOf([self.id, ...others.map((o) => o.id)]);
      const footprint = async (p: Promotion): Promise<PromotionFootprint> => ({
        id: p.id,
        name: p.name,
        stacking: p.stacking,
        channels: p.channels,
        startsAt: p.startsAt,
        endsAt: p.endsAt,
        skus: new Set(items.filter((i) => i.promotion_id === p.id).map((i) => i.sku)),
        storeIds: new Set((await stores.windows.forPromotion(p.id)).filter((w) => !w.online).map((w) => w.location_id)),
      });
      const found = dateConflictExceptions(await footprint(self), await Promise.all(others.map(footprint)));
      await writeExceptions(deps, state, ['DATE_CONFLICT'], found);
    },
    compensate: (state) => deleteExceptions(deps, state, ['DATE_CONFLICT']),
  };
}
