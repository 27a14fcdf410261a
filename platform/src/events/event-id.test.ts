import { describe, expect, it } from 'vitest';
import { newEventId } from './event-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newEventId', () => {
  it('is a UUIDv7 whose first 48 bits are the time it was made', () => {
    const id = newEventId(Date.UTC(2026, 10, 27, 12, 0, 0, 123));
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace('-', '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 27, 12, 0, 0, 123));
  });

  it('sorts ids made in later milliseconds after earlier ones, as text', () => {
    const start = Date.UTC(2026, 0, 1);
    const ids = [0, 1, 2, 255, 256, 4096, 86_400_000].map((offset) => newEventId(start + offset));
    expect([...ids].sort()).toEqual(ids);
  });

  it('never repeats within one millisecond', () => {
    const now = Date.now();
    const ids = Array.from({ length: 10_000 }, () => newEventId(now));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });
});
