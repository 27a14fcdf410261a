// The few distributions the retailer needs (normal, log-normal, Poisson), drawn from a seeded Prng.
import type { Prng } from './prng.js';

/** Standard normal by Box-Muller (one of the pair is dropped: simplicity beats the halved cost here). */
export function normal(rng: Prng): number {
  const u1 = 1 - rng.next(); // (0, 1]: log(0) would be -Infinity
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export function logNormal(rng: Prng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * normal(rng));
}

/** Above this mean the normal approximation is within a count or two and inversion would loop ~lambda times. */
const NORMAL_APPROXIMATION_FROM = 30;

/**
 * A Poisson count with mean `lambda`. `expNegLambda` (= e^-lambda) may be passed in by callers that draw many
 * counts with the same mean: the sales history draws 54 million, and exp() would dominate.
 * Inversion (sequential search of the CDF) costs about lambda+1 steps, so it is cheap for the slow movers that
 * make up most of a retailer's series.
 */
export function poisson(rng: Prng, lambda: number, expNegLambda: number = Math.exp(-lambda)): number {
  if (lambda <= 0) return 0;
  if (lambda >= NORMAL_APPROXIMATION_FROM) {
    const draw = Math.round(lambda + Math.sqrt(lambda) * normal(rng));
    return draw < 0 ? 0 : draw;
  }
  const u = rng.next();
  let k = 0;
  let p = expNegLambda;
  let cumulative = p;
  while (u > cumulative && k < 200) {
    k++;
    p *= lambda / k;
    cumulative += p;
  }
  return k;
}
