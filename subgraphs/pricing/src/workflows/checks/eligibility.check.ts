// ITEM_NOT_ELIGIBLE: the ERP says the item may not be promoted (the item or its category), or it is not active.
import type { FoundException } from '../../services/promotions/promotion-model.js';

export function eligibilityExceptions(items: readonly { sku: string; status: string; promotable: boolean }[], missingSkus: readonly string[]): FoundException[] {
  const found: FoundException[] = missingSkus.map((sku) => ({ code: 'ITEM_NOT_ELIGIBLE', sku, locationId: null, channel: null, shortfall: null, message: `${sku} is not in the ERP item master` }));
  for (const item of items) {
    const reasons = [...(item.status !== 'ACTIVE' ? [`the ERP lists it as ${item.status}`] : []), ...(!item.promotable ? ['the ERP marks it (or its category) as not promotable'] : [])];
    if (reasons.length) found.push({ code: 'ITEM_NOT_ELIGIBLE', sku: item.sku, locationId: null, channel: null, shortfall: null, message: `${item.sku} cannot be promoted: ${reasons.join(' and ')}` });
  }
  return found;
}
