// Largest-remainder apportionment, as used to spread stores over regions and suppliers over departments.
import { describe, expect, it } from 'vitest';
import { apportion } from './apportion.js';

describe('apportion', () => {
  it('splits a total exactly and in proportion', () => {
    expect(apportion([20, 22, 20, 10, 10, 18], 300)).toEqual([60, 66, 60, 30, 30, 54]);
    expect(apportion([20, 22, 20, 10, 10, 18], 7).reduce((a, n) => a + n, 0)).toBe(7);
  });

  it('breaks ties towards the earlier share, so it is deterministic', () => {
    expect(apportion([1, 1, 1], 2)).toEqual([1, 1, 0]);
  });
});
