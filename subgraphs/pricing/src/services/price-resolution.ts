// The rule that picks a SKU's list price: the most specific ERP condition for the channel that is valid at an instant.
import type { Channel, ListPriceCondition } from './pricing-model.js';

export interface PriceQuery {
  channel: Channel;
  /** The buyer's region, or null when there is none (online without a location): national prices only. */
  region: string | null;
  at: Date;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * The condition that sets the list price, or null when none applies.
 * A condition for the buyer's region beats the national one; among conditions equally specific
 * the one that started last wins, so a new price can be entered ahead of time over an open-ended old one.
 */
export function resolveListPrice(conditions: readonly ListPriceCondition[], query: PriceQuery): ListPriceCondition | null {
  let best: ListPriceCondition | null = null;
  for (const condition of conditions) {
    if (condition.channel !== query.channel) continue;
    if (condition.region !== null && condition.region !== query.region) continue;
    if (!isValidAt(condition, query.at)) continue;
    if (!best || beats(condition, best)) best = condition;
  }
  return best;
}

export function isValidAt(condition: Pick<ListPriceCondition, 'validFrom' | 'validTo'>, at: Date): boolean {
  const t = at.getTime();
  const start = Date.parse(condition.validFrom);
  // A start the hub cannot read never applies: better no price than a wrong one.
  if (Number.isNaN(start) || t < start) return false;
  if (condition.validTo === null) return true;
  // An ERP end date is the last day the price holds; an instant is the moment it stops.
  const end = DATE_ONLY.test(condition.validTo) ? Date.parse(condition.validTo) + DAY_MS : Date.parse(condition.validTo);
  return t < end;
}

function beats(candidate: ListPriceCondition, current: ListPriceCondition): boolean {
  const specific = Number(candidate.region !== null) - Number(current.region !== null);
  if (specific !== 0) return specific > 0;
  return Date.parse(candidate.validFrom) > Date.parse(current.validFrom);
}
