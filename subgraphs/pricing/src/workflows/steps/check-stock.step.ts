// Step 6: INSUFFICIENT_STOCK, per SKU and location: baseline demand x uplift over the window against available + inbound.
import { setTimeout as sleep } from 'node:timers/promises';
import type { SagaStep } from '@retail-hub/platform';
import type { Channel } from '../../services/pricing-model.js';
import { toPromotion } from '../../services/promotions/promotion-model.js';
import { stockExceptions, weekdayCoverage } from '../checks/stock.check.js';
import { deleteExceptions, writeExceptions, type ValidationDeps, type ValidationState } from '../validation-deps.js';

export function checkStockStep(deps: ValidationDeps): SagaStep<ValidationState> {
  return {
    name: 'check-stock',
    async run(state) {
      await waitForInputs(deps);
      const { stores } = deps;
      const promotion = toPromotion((await stores.promotions.find(state.promotionId))!);
      const items = await stores.items.items(promotion.id);
      const windows = await stores.windows.forPromotion(promotion.id);
      const online = new Set(windows.filter((w) => w.online).map((w) => w.location_id));
      const onlineChannel = (promotion.channels.find((c) => c !== 'STORE') ?? null) as Channel | null;
      const shortfalls = await stores.demand.shortfalls(
        items.map((i) => i.sku),
        windows.map((w) => w.location_id),
        weekdayCoverage(promotion.startsAt, promotion.endsAt),
        promotion.expectedUplift,
      );
      const found = stockExceptions(
        shortfalls.map((s) => ({ sku: s.sku, locationId: s.location_id, demand: s.demand, available: s.available, inbound: s.inbound })).sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.locationId < b.locationId ? -1 : 1)),
        promotion.expectedUplift,
        (locationId) => (online.has(locationId) ? onlineChannel : 'STORE'),
      );
      await writeExceptions(deps, state, ['INSUFFICIENT_STOCK'], found);
    },
    compensate: (state) => deleteExceptions(deps, state, ['INSUFFICIENT_STOCK']),
  };
}

/** Baseline demand and the stock view load in the background after a first start: wait for both rather than check half. */
async function waitForInputs(deps: ValidationDeps): Promise<void> {
  const deadline = Date.now() + (deps.inputsWaitMs ?? 120_000);
  for (;;) {
    const ready = await deps.inputsReady();
    if (ready.demand && ready.stock) return;
    if (Date.now() > deadline) throw new Error(`the stock check's inputs are not loaded yet (${[!ready.demand && 'sales history', !ready.stock && 'stock view'].filter(Boolean).join(' and ')}); submit again later`);
    await sleep(250);
  }
}
