// Parsing --erp-faults: what a person may type, and the error that names the bad part.
import { describe, expect, it } from 'vitest';
import { parseFaultSettings } from './fault-switch.js';

describe('parseFaultSettings', () => {
  it('reads latency, jitter, error rate and outage', () => {
    expect(parseFaultSettings('latency=200,jitter=50,errors=0.25')).toEqual({ latencyMs: 200, jitterMs: 50, errorRate: 0.25 });
    expect(parseFaultSettings('outage')).toEqual({ outage: true });
    expect(parseFaultSettings('')).toEqual({});
  });

  it.each([
    ['errors=2', /errors/],
    ['latency=-1', /latency/],
    ['latency=abc', /latency/],
    ['slow', /unknown setting "slow"/],
  ])('rejects %s', (text, message) => {
    expect(() => parseFaultSettings(text)).toThrow(message);
  });
});
