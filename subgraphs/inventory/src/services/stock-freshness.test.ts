// When the stock view counts as stale: measured from the feed's last answer, against the limit.
import { describe, expect, it } from 'vitest';
import { ControllableClock } from '@retail-hub/platform';
import { StockFreshness } from './stock-freshness.js';
import { availableOf, laterOf } from './inventory-model.js';

describe('StockFreshness', () => {
  it('is stale when the feed never answered', () => {
    expect(new StockFreshness(() => null, new ControllableClock(), 30_000).current()).toEqual({ feedConfirmedAt: null, stale: true });
  });

  it('turns stale only once more than the limit has passed since the last answer', () => {
    const clock = new ControllableClock(new Date('2026-11-27T10:00:00.000Z'));
    const last = new Date('2026-11-27T10:00:00.000Z');
    const freshness = new StockFreshness(() => last, clock, 30_000);
    clock.advance(30_000);
    expect(freshness.current()).toEqual({ feedConfirmedAt: '2026-11-27T10:00:00.000Z', stale: false });
    clock.advance(1);
    expect(freshness.current().stale).toBe(true);
  });
});

describe('stock arithmetic', () => {
  it('never shows negative availability when the ERP drops on-hand below what is reserved', () => {
    expect(availableOf(10, 3)).toBe(7);
    expect(availableOf(2, 3)).toBe(0);
  });

  it('takes the later of two instants for asOf', () => {
    expect(laterOf('2026-11-27T10:00:00.000Z', '2026-11-27T09:00:00.000Z')).toBe('2026-11-27T10:00:00.000Z');
    expect(laterOf('2026-11-27T10:00:00.000Z', '2026-11-27T11:00:00.000Z')).toBe('2026-11-27T11:00:00.000Z');
    expect(laterOf('2026-11-27T10:00:00.000Z', null)).toBe('2026-11-27T10:00:00.000Z');
  });
});
