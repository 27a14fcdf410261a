// Seeded randomness for the synthetic retailer: a fast sfc32 generator, named sub-streams and a stateless hash.

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, a few integer ops per draw,
 * passes PractRand well beyond what a seed needs. Never Math.random: the seed must reproduce the retailer.
 */
export class Prng {
  /** a, b, c, d in an Int32Array: plain number fields holding full 32-bit values get boxed by V8, 3x slower. */
  private readonly state = new Int32Array(4);

  constructor(seed: number) {
    // splitmix32 spreads a small seed (42) over the whole state; sfc32 is weak when started from near-zero state.
    let s = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      s = (s + 0x9e3779b9) | 0;
      this.state[i] = fmix32(s);
    }
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const s = this.state;
    const a = s[0] as number;
    const b = s[1] as number;
    const c = s[2] as number;
    const d = s[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    s[3] = (d + 1) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Fisher-Yates in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/** murmur3's finaliser: a cheap, well-mixing 32-bit bijection. */
export function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seed for one named part of the retailer (e.g. 'stock'), so each generator draws from its own stream:
 * changing how many numbers one step consumes never shifts the data of another.
 */
export function streamSeed(seed: number, name: string): number {
  let h = fmix32(seed ^ 0x811c9dc5);
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** A uniform in [0, 1) fixed by (seed, a, b) alone: lets two generators agree on a value without sharing a stream. */
export function hashUnit(seed: number, a: number, b: number): number {
  const h = fmix32(seed ^ fmix32(Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)));
  return h / 4294967296;
}
