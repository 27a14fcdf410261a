// Builds a webhook batch from a stored publication: the promotion event, then one pricing.price.changed.v1 per SKU and channel.
import { assertEventData } from '@retail-hub/platform';
import { PRICE_CHANGED } from '../events/price-changed.event.js';
import type { PricePublicationRow, PublicationRepository } from '../store/publication.repository.js';
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
  // The price events of a batch differ between the stores of one group (same changes, window, channel) only in the
  // location: they are written once per group with a placeholder, and each store's batch joins the pieces around it.
  const templates = new Map<string, Template>();
  return async (ref: string): Promise<Buffer> => {
    const [publicationId, channel] = ref.split('|') as [string, string];
    const row = await publications.find(publicationId);
    if (!row) throw new Error(`no publication ${publicationId}`);
    const phase = row.phase as PublicationPhase;
    const promotionEvent = JSON.parse(row.promotion_event) as { locations?: { startsAt: string; endsAt: string }[] };
    assertEventData(PUBLICATION_EVENT_TYPES[phase], promotionEvent);
    const window = promotionEvent.locations?.[0];
    const promotionHead = `{"specversion":"1.0","id":${q(`${row.id}/promotion`)},"type":${q(PUBLICATION_EVENT_TYPES[phase])},"source":"/retail-hub/pricing","subject":${q(row.promotion_id)}`;
    const promotionPart = `${promotionHead},"time":${q(row.published_at)},"datacontenttype":"application/json","data":${row.promotion_event}}`;
    // Publication ids end with their location (PUB-<promotion>-<phase>-<location>); any other id is written whole.
    const idPart = row.id.endsWith(row.location_id) ? `${q(row.id.slice(0, row.id.length - row.location_id.length)).slice(1, -1)}${LOCATION}` : q(row.id).slice(1, -1);
    const key = [idPart, row.promotion_id, phase, channel, row.published_at, row.currency, window?.startsAt ?? '', window?.endsAt ?? '', row.changes].join('\u0002');
    const location = q(row.location_id).slice(1, -1);
    let template = templates.get(key);
    if (!template) {
      const parts = priceEvents(row, phase, channel, idPart, window);
      if (parts.length) {
        const first = JSON.parse(parts[0]!.split(LOCATION).join(location)) as { type: string; data: unknown };
        assertEventData(first.type, first.data);
      }
      template = toTemplate(parts.join(','));
      templates.set(key, template);
      if (templates.size > TEMPLATES_KEPT) templates.delete(templates.keys().next().value!);
    }
    return fill(template, Buffer.from(template.bytes.length ? `[${promotionPart},` : `[${promotionPart}`), Buffer.from(location), CLOSE);
  };
}

interface Template {
  /** UTF-8, with a LOCATION byte wherever the location id goes. */
  bytes: Buffer;
  /** Where those bytes are. */
  cuts: number[];
}

function toTemplate(text: string): Template {
  const bytes = Buffer.from(text);
  const cuts: number[] = [];
  for (let at = bytes.indexOf(LOCATION_BYTE); at !== -1; at = bytes.indexOf(LOCATION_BYTE, at + 1)) cuts.push(at);
  return { bytes, cuts };
}

/** The batch's bytes: written straight into one buffer, which is signed and sent as is (no text to encode twice). */
function fill({ bytes, cuts }: Template, head: Buffer, location: Buffer, tail: Buffer): Buffer {
  const out = Buffer.allocUnsafe(head.length + bytes.length + cuts.length * (location.length - 1) + tail.length);
  let o = head.copy(out, 0);
  let from = 0;
  for (const cut of cuts) {
    o += bytes.copy(out, o, from, cut);
    o += location.copy(out, o);
    from = cut + 1;
  }
  o += bytes.copy(out, o, from);
  tail.copy(out, o);
  return out;
}

const CLOSE = Buffer.from(']');
/** Stands for the location in a template: JSON text never holds a raw control character. */
const LOCATION = '\u0001';
const LOCATION_BYTE = 1;
/** Templates kept: a go-live's stores fall into a few groups (region, time zone); analytics batches follow their store's. */
const TEMPLATES_KEPT = 32;

/** The batch's price events, with LOCATION where the location id goes. */
function priceEvents(row: PricePublicationRow, phase: PublicationPhase, channel: string, idPart: string, window: { startsAt: string; endsAt: string } | undefined): string[] {
  // What every price event of the batch shares is written once; per event only the SKU is escaped (once) and the amounts vary.
  const head = `{"specversion":"1.0","id":"${idPart}/`;
  const envelope = `"type":${q(PRICE_CHANGED)},"source":"/retail-hub/pricing","subject":"`;
  const tail = `,"time":${q(row.published_at)},"datacontenttype":"application/json","data":{"sku":`;
  const common = `,"locationId":"${LOCATION}","promotionId":${q(row.promotion_id)},"cause":"${CAUSE[phase]}"`;
  const validity = (from: string, to: string | null) => `,"currency":${q(row.currency)},"validFrom":${q(from)},"validTo":${to === null ? 'null' : q(to)}}`;
  const [before, after] =
    phase === 'STARTED'
      ? [validity(row.published_at, null), validity(row.published_at, window?.endsAt ?? null)]
      : [validity(window?.startsAt ?? row.published_at, window?.endsAt ?? null), validity(row.published_at, null)];
  const regions = new Map<string | null, string>();
  const parts: string[] = [];
  for (const [sku, ch, region, previous, current] of JSON.parse(row.changes) as PriceChangeTuple[]) {
    if (channel !== 'ALL' && ch !== channel) continue;
    const s = q(sku).slice(1, -1);
    let r = regions.get(region);
    if (r === undefined) regions.set(region, (r = region === null ? 'null' : q(region)));
    parts.push(`${head}${s}/${ch}",${envelope}${s}@${LOCATION}"${tail}"${s}","channel":"${ch}","region":${r}${common},"previous":{"centAmount":${previous}${before},"current":{"centAmount":${current}${after}}}`);
  }
  return parts;
}
