// Step 5: MARGIN_BREACH, for each item at every regular price it will be discounted from (each channel, each store region).
import type { SagaStep } from '@retail-hub/platform';
import { resolveListPrice } from '../../services/price-resolution.js';
import { toListPriceCondition, type Channel } from '../../services/pricing-model.js';
import { toPromotion } from '../../services/promotions/promotion-model.js';
import { marginExceptions, type MarginItem, type PricePoint } from '../checks/margin.check.js';
import { deleteExceptions, writeExceptions, type ValidationDeps, type ValidationState } from '../validation-deps.js';

export function checkMarginStep(deps: ValidationDeps): SagaStep<ValidationState> {
  return {
    name: 'check-margin',
    async run(state) {
      const { stores } = deps;
      const promotion = toPromotion((await stores.promotions.find(state.promotionId))!);
      const items = await stores.items.items(promotion.id);
      const windows = await stores.windows.forPromotion(promotion.id);
      // Regular prices as they will be when it starts.
      const at = new Date(Math.min(...windows.map((w) => Date.parse(w.starts_at))));
      const regions = [...new Set(windows.filter((w) => !w.online).map((w) => w.region))];
      const points: { channel: Channel; region: string | null }[] = [
        ...(promotion.channels.includes('STORE') ? regions.map((region) => ({ channel: 'STORE' as const, region })) : []),
        ...promotion.channels.filter((c) => c !== 'STORE').map((channel) => ({ channel, region: null })),
      ];
      const conditions = new Map<string, ReturnType<typeof toListPriceCondition>[]>();
      for (const row of await stores.listPrices.findBySkus(items.map((i) => i.sku))) conditions.set(row.sku, [...(conditions.get(row.sku) ?? []), toListPriceCondition(row)]);
      const marginItems: MarginItem[] = items.map((item) => {
        const prices = new Map<string, PricePoint>();
        for (const p of points) {
          const condition = resolveListPrice(conditions.get(item.sku) ?? [], { ...p, at });
          // A price in another currency is not this promotion's to discount; no price, nothing to breach.
          if (condition && condition.price.currency === promotion.rule.currency) prices.set(`${p.channel}|${condition.region}`, { channel: p.channel, region: condition.region, price: condition.price.centAmount });
        }
        return { sku: item.sku, unitCost: item.unit_cost, minMarginBp: item.min_margin_bp, prices: [...prices.values()] };
      });
      await writeExceptions(deps, state, ['MARGIN_BREACH'], marginExceptions(promotion.type, promotion.rule, marginItems));
    },
    compensate: (state) => deleteExceptions(deps, state, ['MARGIN_BREACH']),
  };
}
