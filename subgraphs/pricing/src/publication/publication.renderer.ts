// Builds a webhook batch from a stored publication: the promotion event, then one pricing.price.changed.v1 per SKU and channel.
import { assertEventData } from '@retail-hub/platform';
import { PRICE_CHANGED } from '../events/price-changed.event.js';
import type { PublicationRepository } from '../store/publication.repository.js';
import type { PriceChangeTuple } from './price-changes.js';
import { PUBLICATION_EVENT_TYPES, type PublicationPhase } from './price-publication.service.js';

const CAUSE: Record<PublicationPhase, string> = { STARTED: 'PROMOTION_STARTED', ENDED: 'PROMOTION_ENDED', CANCELLED: 'PROMOTION_CANCELLED' };
const q = JSON.stringify;

/**
 * The batch is written as text directly: a go-live sends 300 stores' batches of 2,000 events each, and
 * building each event as an object to stringify cost three times as much. Every event's id is derived
 * from what it is about (publication, SKU, channel), so a retried or replayed batch carries the same ids
 * and receivers dedupe. The first price event is parsed back and checked against its JSON Schema (one
 * builder writes them all), as is the promotion event.
 */
export function createPublicationRenderer(publications: PublicationRepository) {
  return async (ref: string): Promise<string> => {
    const [publicationId, channel] = ref.split('|') as [string, string];
    const row = await publications.find(publicationId);
    if (!row) throw new Error(`no publication ${publicationId}`);
    const phase = row.phase as PublicationPhase;
    const promotionEvent = JSON.parse(row.promotion_event) as { locations?: { startsAt: string; endsAt: string }[] };
    const envelope = (id: string, type: string, subject: string) =>
      `{"specversion":"1.0","id":${q(id)},"type":${q(type)},"source":"/retail-hub/pricing","subject":${q(subject)},"time":${q(row.published_at)},"datacontenttype":"application/json","data":`;
    const parts: string[] = [`${envelope(`${row.id}/promotion`, PUBLICATION_EVENT_TYPES[phase], row.promotion_id)}${row.promotion_event}}`];
    const window = promotionEvent.locations?.[0];
    const price = (cents: number, from: string, to: string | null) => `{"centAmount":${cents},"currency":${q(row.currency)},"validFrom":${q(from)},"validTo":${to === null ? 'null' : q(to)}}`;
    const common = `,"locationId":${q(row.location_id)},"promotionId":${q(row.promotion_id)},"cause":"${CAUSE[phase]}"`;
    for (const [sku, ch, region, previous, current] of JSON.parse(row.changes) as PriceChangeTuple[]) {
      if (channel !== 'ALL' && ch !== channel) continue;
      const [before, after] =
        phase === 'STARTED'
          ? [price(previous, row.published_at, null), price(current, row.published_at, window?.endsAt ?? null)]
          : [price(previous, window?.startsAt ?? row.published_at, window?.endsAt ?? null), price(current, row.published_at, null)];
      parts.push(`${envelope(`${row.id}/${sku}/${ch}`, PRICE_CHANGED, `${sku}@${row.location_id}`)}{"sku":${q(sku)},"channel":${q(ch)},"region":${region === null ? 'null' : q(region)}${common},"previous":${before},"current":${after}}}`);
    }
    const checked = JSON.parse(`[${parts.slice(0, 2).join(',')}]`) as { type: string; data: unknown }[];
    for (const event of checked) assertEventData(event.type, event.data);
    return `[${parts.join(',')}]`;
  };
}
