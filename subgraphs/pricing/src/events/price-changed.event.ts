// pricing.price.changed.v1: the ERP added or changed a list price (after the initial load); schema beside it.
import type { NewEvent } from '@retail-hub/platform';
import type { Channel, Money } from '../services/pricing-model.js';

export const PRICE_CHANGED = 'pricing.price.changed.v1';

/** A list price condition as the event carries it. */
export interface ListPriceState extends Money {
  validFrom: string;
  /** Null: open-ended. */
  validTo: string | null;
}

export interface PriceChangedData {
  sku: string;
  channel: Channel;
  /** Null: the channel's national price. */
  region: string | null;
  /** Null when the ERP added a new condition. */
  previous: ListPriceState | null;
  current: ListPriceState;
}

export function priceChangedEvent(data: PriceChangedData): NewEvent<PriceChangedData> {
  return { type: PRICE_CHANGED, subject: data.sku, data };
}
