// Who receives a location's publication: the store's POS, ecommerce and mobile for the online centre, and analytics for all.
import type { OutgoingWebhook, Webhooks } from '@retail-hub/platform';
import type { Transaction } from 'kysely';
import type { Channel } from '../services/pricing-model.js';
import type { PricingDatabase } from '../store/pricing-tables.js';
import type { PromotionLocationRow } from '../store/promotion-location.repository.js';
import type { PricePublicationRow } from '../store/publication.repository.js';

/** The audiences pricing sends webhooks to; STORE endpoints are registered per store (audienceKey = location id). */
export const WEBHOOK_AUDIENCES = ['STORE', 'ECOMMERCE', 'MOBILE', 'ANALYTICS'] as const;
export type WebhookAudience = (typeof WEBHOOK_AUDIENCES)[number];

export const PRICE_BATCH_RENDERER = 'pricing.price-batch';
export const BATCH_CONTENT_TYPE = 'application/cloudevents-batch+json';

/** A render reference: the publication and which of its channels the receiver gets (ALL for analytics). */
export function batchRef(publicationId: string, channel: Channel | 'ALL'): string {
  return `${publicationId}|${channel}`;
}

export async function publicationMessages(
  webhooks: Webhooks,
  trx: Transaction<PricingDatabase>,
  channels: readonly Channel[],
  publications: readonly { publication: PricePublicationRow; window: PromotionLocationRow }[],
): Promise<OutgoingWebhook[]> {
  const stores = publications.filter((p) => !p.window.online).map((p) => p.publication.location_id);
  const [storeEndpoints, ecommerce, mobile, analytics] = await Promise.all([
    stores.length ? webhooks.endpoints({ audience: 'STORE', audienceKeys: stores }, trx) : Promise.resolve([]),
    webhooks.endpoints({ audience: 'ECOMMERCE' }, trx),
    webhooks.endpoints({ audience: 'MOBILE' }, trx),
    webhooks.endpoints({ audience: 'ANALYTICS' }, trx),
  ]);
  const byStore = new Map<string, string[]>();
  for (const e of storeEndpoints) byStore.set(e.audience_key!, [...(byStore.get(e.audience_key!) ?? []), e.id]);
  const messages: OutgoingWebhook[] = [];
  const add = (endpointId: string, publicationId: string, channel: Channel | 'ALL') =>
    messages.push({ endpointId, eventType: 'pricing.price.changed.v1', contentType: BATCH_CONTENT_TYPE, render: { kind: PRICE_BATCH_RENDERER, ref: batchRef(publicationId, channel) } });
  for (const { publication, window } of publications) {
    if (window.online) {
      if (channels.includes('ECOMMERCE')) for (const e of ecommerce) add(e.id, publication.id, 'ECOMMERCE');
      if (channels.includes('MOBILE')) for (const e of mobile) add(e.id, publication.id, 'MOBILE');
    } else {
      for (const id of byStore.get(publication.location_id) ?? []) add(id, publication.id, 'STORE');
    }
    for (const e of analytics) add(e.id, publication.id, 'ALL');
  }
  return messages;
}
