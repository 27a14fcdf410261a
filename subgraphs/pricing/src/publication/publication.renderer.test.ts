// The webhook batch a stored publication renders to: valid events, ids that say what each is about and do not change on a replay.
import { describe, expect, it } from 'vitest';
import { assertEventData } from '@retail-hub/platform';
import type { PricePublicationRow, PublicationRepository } from '../store/publication.repository.js';
import type { PriceChangeTuple } from './price-changes.js';
import { createPublicationRenderer } from './publication.renderer.js';

const WINDOW = { locationId: 'LOC-S0007', startsAt: '2031-01-04T05:00:00.000Z', endsAt: '2031-01-06T05:00:00.000Z' };
const changes: PriceChangeTuple[] = [
  ['SKU-000001', 'STORE', 'WEST', 1999, 1799],
  ['SKU-000001', 'ECOMMERCE', null, 2099, 1889],
  ['SKU-000002', 'STORE', null, 500, 450],
];

function row(phase: 'STARTED' | 'ENDED'): PricePublicationRow {
  const at = phase === 'STARTED' ? WINDOW.startsAt : WINDOW.endsAt;
  const event =
    phase === 'STARTED'
      ? { promotionId: 'PROMO-000042', name: 'Weekend "special"', type: 'PERCENT_OFF', description: '10% off', rule: { currency: 'USD', percentOff: 10 }, stacking: 'STACKABLE', priority: 0, channels: ['STORE', 'ECOMMERCE'], locations: [WINDOW], skus: ['SKU-000001', 'SKU-000002'], exclusions: [], startedAt: at }
      : { promotionId: 'PROMO-000042', locationIds: [WINDOW.locationId], final: true, endedAt: at };
  return { id: `PUB-PROMO-000042-${phase}-LOC-S0007`, promotion_id: 'PROMO-000042', location_id: 'LOC-S0007', phase, published_at: at, changes: JSON.stringify(changes), currency: 'USD', promotion_event: JSON.stringify(event) };
}

const render = (...rows: PricePublicationRow[]) => {
  const renderer = createPublicationRenderer({ find: async (id: string) => rows.find((r) => r.id === id) } as unknown as PublicationRepository);
  return async (ref: string) => (await renderer(ref)).toString('utf8');
};

describe('publication renderer', () => {
  it('writes the promotion event then one valid pricing.price.changed.v1 per SKU and channel of the batch', async () => {
    const started = row('STARTED');
    const events = JSON.parse(await render(started)(`${started.id}|STORE`)) as { id: string; type: string; subject: string; time: string; data: any }[];
    expect(events.map((e) => [e.type, e.subject])).toEqual([
      ['pricing.promotion.started.v1', 'PROMO-000042'],
      ['pricing.price.changed.v1', 'SKU-000001@LOC-S0007'],
      ['pricing.price.changed.v1', 'SKU-000002@LOC-S0007'],
    ]);
    for (const e of events) {
      expect(e).toMatchObject({ specversion: '1.0', source: '/retail-hub/pricing', time: started.published_at, datacontenttype: 'application/json' });
      expect(() => assertEventData(e.type, e.data)).not.toThrow();
    }
    expect(events[0]!.data).toEqual(JSON.parse(started.promotion_event));
    expect(events[1]!.data).toEqual({
      sku: 'SKU-000001',
      channel: 'STORE',
      region: 'WEST',
      locationId: 'LOC-S0007',
      promotionId: 'PROMO-000042',
      cause: 'PROMOTION_STARTED',
      previous: { centAmount: 1999, currency: 'USD', validFrom: WINDOW.startsAt, validTo: null },
      current: { centAmount: 1799, currency: 'USD', validFrom: WINDOW.startsAt, validTo: WINDOW.endsAt },
    });
  });

  it('gives every event an id naming its publication, SKU and channel: unique in the batch, the same on every render (a retry or a replay)', async () => {
    const started = row('STARTED');
    const ended = row('ENDED');
    const renderer = render(started, ended);
    const all = await renderer(`${started.id}|ALL`);
    expect(await renderer(`${started.id}|ALL`)).toBe(all);
    const ids = (JSON.parse(all) as { id: string }[]).map((e) => e.id);
    expect(ids).toEqual([`${started.id}/promotion`, `${started.id}/SKU-000001/STORE`, `${started.id}/SKU-000001/ECOMMERCE`, `${started.id}/SKU-000002/STORE`]);
    const endIds = (JSON.parse(await renderer(`${ended.id}|ALL`)) as { id: string }[]).map((e) => e.id);
    expect(new Set([...ids, ...endIds]).size).toBe(ids.length + endIds.length);
  });

  it('reverts at the end: the regular price again from the end on', async () => {
    const ended = row('ENDED');
    const [promotion, revert] = JSON.parse(await render(ended)(`${ended.id}|ECOMMERCE`)) as { type: string; data: any }[];
    expect(promotion!.type).toBe('pricing.promotion.ended.v1');
    expect(revert!.data).toMatchObject({
      channel: 'ECOMMERCE',
      region: null,
      cause: 'PROMOTION_ENDED',
      previous: { centAmount: 2099 },
      current: { centAmount: 1889, validFrom: WINDOW.endsAt, validTo: null },
    });
  });

  it('writes each store of a group (same changes and window) its own batch, as if rendered alone', async () => {
    const first = row('STARTED');
    const other = (location: string): PricePublicationRow => ({ ...first, id: first.id.replace('LOC-S0007', location), location_id: location, promotion_event: first.promotion_event.replaceAll('LOC-S0007', JSON.stringify(location).slice(1, -1)) });
    const renderer = render(first, other('LOC-S0008'), other('LOC-S"9'));
    await renderer(`${first.id}|STORE`);
    for (const location of ['LOC-S0008', 'LOC-S"9']) {
      const alone = render(other(location));
      const id = `${other(location).id}|STORE`;
      const batch = await renderer(id);
      expect(batch).toBe(await alone(id));
      const events = JSON.parse(batch) as { id: string; subject: string; data: any }[];
      expect(events.slice(1).map((e) => [e.id, e.subject, e.data.locationId])).toEqual([
        [`PUB-PROMO-000042-STARTED-${location}/SKU-000001/STORE`, `SKU-000001@${location}`, location],
        [`PUB-PROMO-000042-STARTED-${location}/SKU-000002/STORE`, `SKU-000002@${location}`, location],
      ]);
    }
  });
});
