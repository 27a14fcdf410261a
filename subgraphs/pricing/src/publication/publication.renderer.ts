// Builds a webhook batch from a stored publication: the promotion event, then one pricing.price.changed.v1 per SKU and channel.
import { createHash } from 'node:crypto';
import { assertEventData, type EventEnvelope } from '@retail-hub/platform';
import { PRICE_CHANGED } from '../events/price-changed.event.js';
import type { PublicationRepository } from '../store/publication.repository.js';
import type { PriceChangeTuple } from './price-changes.js';
import { PUBLICATION_EVENT_TYPES, type PublicationPhase } from './price-publication.service.js';

const CAUSE: Record<PublicationPhase, string> = { STARTED: 'PROMOTION_STARTED', ENDED: 'PROMOTION_ENDED', CANCELLED: 'PROMOTION_CANCELLED' };

/** Ids derived from what an event is about, so a retried or replayed batch carries the same ids and receivers dedupe. */
function stableId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function createPublicationRenderer(publications: PublicationRepository) {
  return async (ref: string): Promise<string> => {
    const [publicationId, channel] = ref.split('|') as [string, string];
    const row = await publications.find(publicationId);
    if (!row) throw new Error(`no publication ${publicationId}`);
    const phase = row.phase as PublicationPhase;
    const window = JSON.parse(row.promotion_event) as { locations?: { startsAt: string; endsAt: string }[] };
    const base = { specversion: '1.0' as const, source: '/retail-hub/pricing', time: row.published_at, datacontenttype: 'application/json' as const };
    const events: EventEnvelope[] = [{ ...base, id: stableId(row.id, 'promotion'), type: PUBLICATION_EVENT_TYPES[phase], subject: row.promotion_id, data: JSON.parse(row.promotion_event) }];
    const startsAt = window.locations?.[0]?.startsAt ?? row.published_at;
    const endsAt = window.locations?.[0]?.endsAt ?? null;
    for (const [sku, ch, region, previous, current] of JSON.parse(row.changes) as PriceChangeTuple[]) {
      if (channel !== 'ALL' && ch !== channel) continue;
      const price = (centAmount: number, validFrom: string, validTo: string | null) => ({ centAmount, currency: row.currency, validFrom, validTo });
      events.push({
        ...base,
        id: stableId(row.id, sku, ch),
        type: PRICE_CHANGED,
        subject: `${sku}@${row.location_id}`,
        data: {
          sku,
          channel: ch,
          region,
          locationId: row.location_id,
          promotionId: row.promotion_id,
          cause: CAUSE[phase],
          previous: phase === 'STARTED' ? price(previous, row.published_at, null) : price(previous, startsAt, endsAt),
          current: phase === 'STARTED' ? price(current, row.published_at, endsAt) : price(current, row.published_at, null),
        },
      });
    }
    // Every batch keeps to the contracts: the promotion event and the first price change checked (they share one builder).
    assertEventData(events[0]!.type, events[0]!.data);
    if (events[1]) assertEventData(events[1].type, events[1].data);
    return JSON.stringify(events);
  };
}
