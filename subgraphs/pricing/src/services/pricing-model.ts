// The pricing domain as services hand it around (camelCase, money as Money, national region as null).
import type { Channel } from '@retail-hub/erp';
import type { ListPriceRow } from '../store/list-price.repository.js';
import type { LocationRow } from '../store/location.repository.js';

export type { Channel };

export interface Money {
  centAmount: number;
  currency: string;
}

/** One ERP price condition: a list price for a SKU on a channel, nationally or in one region, for a period. */
export interface ListPriceCondition {
  sku: string;
  channel: Channel;
  /** Null: the channel's national price. */
  region: string | null;
  price: Money;
  /** A date (2020-01-01, from the start of that UTC day) or an ISO instant. */
  validFrom: string;
  /** Null: open-ended. A date covers that whole UTC day; an instant is exclusive. */
  validTo: string | null;
}

export interface PricingLocation {
  id: string;
  region: string;
  timeZone: string;
  /** STORE, DC or ECOM_FC. */
  type: string;
}

/** What Product.price answers. */
export interface Price {
  amount: Money;
  regular: Money;
  channel: Channel;
  onPromotion: boolean;
  region: string | null;
}

export function toListPriceCondition(row: ListPriceRow): ListPriceCondition {
  return {
    sku: row.sku,
    channel: row.channel as Channel,
    region: row.region === '' ? null : row.region,
    price: { centAmount: row.cent_amount, currency: row.currency },
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

export function toPricingLocation(row: LocationRow): PricingLocation {
  return { id: row.id, region: row.region, timeZone: row.time_zone, type: row.type };
}
