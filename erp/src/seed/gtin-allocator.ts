// Hands out unique GTIN-13s per brand: each brand owns a company prefix, its items get scrambled item references.
import { buildGtin13 } from './gtin.js';

const PREFIXES = 900_000; // 6-digit company prefixes 100000..999999
const REFERENCES = 100_000; // 5-digit item references

/**
 * Multiplying by a number coprime to the modulus is a bijection, so prefixes (per brand) and references (per item of
 * a brand) never repeat, yet they look scattered like real GS1 allocations rather than counting 1, 2, 3.
 */
export function createGtinAllocator(): (brand: string) => string {
  const brands = new Map<string, { prefix: number; issued: number }>();
  return (brand) => {
    let entry = brands.get(brand);
    if (!entry) {
      entry = { prefix: 100_000 + ((brands.size * 387_419 + 31_337) % PREFIXES), issued: 0 };
      brands.set(brand, entry);
    }
    if (entry.issued >= REFERENCES) throw new Error(`brand ${brand} has used all ${REFERENCES} item references`);
    const reference = (entry.issued * 7919 + entry.prefix * 7) % REFERENCES;
    entry.issued++;
    return buildGtin13(entry.prefix, reference);
  };
}
