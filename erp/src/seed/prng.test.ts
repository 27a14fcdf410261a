// The seeded generator and distributions the retailer is drawn from: reproducible, and shaped as claimed.
import { describe, expect, it } from 'vitest';
import { Prng, hashUnit, streamSeed } from './prng.js';
import { poisson } from './random-distributions.js';

describe('Prng', () => {
  it('repeats its sequence for a seed and differs across seeds and streams', () => {
    const draw = (seed: number) => { const r = new Prng(seed); return Array.from({ length: 5 }, () => r.next()); };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(streamSeed(42, 'stock')).not.toBe(streamSeed(42, 'catalog'));
    expect(hashUnit(1, 2, 3)).toBe(hashUnit(1, 2, 3));
  });

  it('draws uniformly in [0, 1)', () => {
    const rng = new Prng(7);
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng.next();
      if (u < 0 || u >= 1) outside++;
      else buckets[Math.floor(u * 10)]! += 1;
    }
    expect(outside).toBe(0);
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });

  it('gives Poisson counts with the requested mean, small and large', () => {
    const n = 50_000;
    for (const lambda of [0.05, 0.8, 6, 45]) {
      const rng = new Prng(3);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += poisson(rng, lambda);
      // Within four standard errors of the mean (sd of a Poisson is sqrt(lambda)).
      expect(Math.abs(sum / n - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n));
    }
  });
});
