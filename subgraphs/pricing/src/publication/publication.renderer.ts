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
    const window = promotionEvent.locations?.[0];
    // What every price event of the batch shares is written once; per event only the SKU is escaped (once) and the amounts vary.
    const publication = q(row.id).slice(1, -1);
    const location = q(row.location_id).slice(1, -1);
    const head = `{"specversion":"1.0","id":"${publication}/`;
    const envelope = `"type":${q(PRICE_CHANGED)},"source":"/retail-hub/pricing","subject":"`;
    const tail = `,"time":${q(row.published_at)},"datacontenttype":"application/json","data":{"sku":`;
    const common = `,"locationId":${q(row.location_id)},"promotionId":${q(row.promotion_id)},"cause":"${CAUSE[phase]}"`;
    const validity = (from: string, to: string | null) => `,"currency":${q(row.currency)},"validFrom":${q(from)},"validTo":${to === null ? 'null' : q(to)}}`;
    const [before, after] =
      phase === 'STARTED'
        ? [validity(row.published_at, null), validity(row.published_at, window?.endsAt ?? null)]
        : [validity(window?.startsAt ?? row.published_at, window?.endsAt ?? null), validity(row.published_at, null)];
    const regions = new Map<string | null, string>();
    const promotionHead = `{"specversion":"1.0","id":${q(`${row.id}/promotion`)},"type":${q(PUBLICATION_EVENT_TYPES[phase])},"source":"/retail-hub/pricing","subject":${q(row.promotion_id)}`;
    const parts: string[] = [`${promotionHead},"time":${q(row.published_at)},"datacontenttype":"application/json","data":${row.promotion_event}}`];
    for (const [sku, ch, region, previous, current] of JSON.parse(row.changes) as PriceChangeTuple[]) {
      if (channel !== 'ALL' && ch !== channel) continue;
      const s = q(sku).slice(1, -1);
      let r = regions.get(region);
      if (r === undefined) regions.set(region, (r = region === null ? 'null' : q(region)));
      parts.push(`${head}${s}/${ch}",${envelope}${s}@${location}"${tail}"${s}","channel":"${ch}","region":${r}${common},"previous":{"centAmount":${previous}${before},"current":{"centAmount":${current}${after}}}`);
    }
    const checked = JSON.parse(`[${parts.slice(0, 2).join(',')}]`) as { type: string; data: unknown }[];
    for (const event of checked) assertEventData(event.type, event.data);
    return `[${parts.join(',')}]`;
  };
}
