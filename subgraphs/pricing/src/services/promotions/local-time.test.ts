// Local wall-clock times to UTC across time zones and daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { localToUtc, parseLocalDateTime, zoneOffsetMinutes } from './local-time.js';

describe('localToUtc', () => {
  it('puts the same local midnight at different instants in different zones', () => {
    expect(localToUtc('2026-12-05T00:00', 'America/New_York').toISOString()).toBe('2026-12-05T05:00:00.000Z');
    expect(localToUtc('2026-12-05T00:00', 'America/Chicago').toISOString()).toBe('2026-12-05T06:00:00.000Z');
    expect(localToUtc('2026-12-05T00:00', 'America/Los_Angeles').toISOString()).toBe('2026-12-05T08:00:00.000Z');
    expect(localToUtc('2026-07-04T09:30', 'America/Phoenix').toISOString()).toBe('2026-07-04T16:30:00.000Z');
    expect(localToUtc('2026-07-04T09:30', 'America/Denver').toISOString()).toBe('2026-07-04T15:30:00.000Z');
  });

  it('handles the daylight-saving changes: a skipped time falls after the jump, a repeated one is the first', () => {
    expect(localToUtc('2026-03-08T02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(localToUtc('2026-11-01T01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(zoneOffsetMinutes('America/New_York', Date.parse('2026-07-01T12:00:00Z'))).toBe(-240);
  });

  it('parses only real calendar times', () => {
    expect(parseLocalDateTime('2026-02-30T00:00')).toBeNull();
    expect(parseLocalDateTime('2026-12-05T24:00')).toBeNull();
    expect(parseLocalDateTime('2026-12-05 00:00')).toBeNull();
    expect(parseLocalDateTime('2026-12-05T23:59')).not.toBeNull();
  });
});
