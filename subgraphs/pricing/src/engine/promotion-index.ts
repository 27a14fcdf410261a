// Finds the promotions that can touch a cart without scanning them all: promotions indexed by SKU, category and brand.
import type { EngineLine, EnginePromotion } from './engine-model.js';

/** A promotion with its targets as sets, ready for matching. */
export interface IndexedPromotion {
  promotion: EnginePromotion;
  skus: ReadonlySet<string>;
  categoryIds: ReadonlySet<string>;
  brands: ReadonlySet<string>;
  excludeSkus: ReadonlySet<string>;
  excludeCategoryIds: ReadonlySet<string>;
  excludeBrands: ReadonlySet<string>;
}

export class PromotionIndex {
  private readonly bySku = new Map<string, IndexedPromotion[]>();
  private readonly byCategory = new Map<string, IndexedPromotion[]>();
  private readonly byBrand = new Map<string, IndexedPromotion[]>();
  readonly size: number;

  constructor(promotions: readonly EnginePromotion[]) {
    this.size = promotions.length;
    for (const promotion of promotions) {
      const t = promotion.targets;
      const indexed: IndexedPromotion = {
        promotion,
        skus: new Set(t.skus ?? []),
        categoryIds: new Set(t.categoryIds ?? []),
        brands: new Set(t.brands ?? []),
        excludeSkus: new Set(t.excludeSkus ?? []),
        excludeCategoryIds: new Set(t.excludeCategoryIds ?? []),
        excludeBrands: new Set(t.excludeBrands ?? []),
      };
      for (const sku of indexed.skus) push(this.bySku, sku, indexed);
      for (const category of indexed.categoryIds) push(this.byCategory, category, indexed);
      for (const brand of indexed.brands) push(this.byBrand, brand, indexed);
    }
  }

  /** The promotions targeting at least one of the lines (exclusions applied), each with the SKUs it targets. */
  candidates(lines: readonly EngineLine[]): { promotion: EnginePromotion; skus: Set<string> }[] {
    const found = new Map<IndexedPromotion, Set<string>>();
    const visit = (hits: readonly IndexedPromotion[] | undefined, line: EngineLine) => {
      if (!hits) return;
      for (const hit of hits) {
        const skus = found.get(hit);
        if (skus?.has(line.sku) || excluded(hit, line)) continue;
        if (skus) skus.add(line.sku);
        else found.set(hit, new Set([line.sku]));
      }
    };
    for (const line of lines) {
      visit(this.bySku.get(line.sku), line);
      if (line.categoryIds) for (const category of line.categoryIds) visit(this.byCategory.get(category), line);
      if (line.brand) visit(this.byBrand.get(line.brand), line);
    }
    const result: { promotion: EnginePromotion; skus: Set<string> }[] = [];
    for (const [indexed, skus] of found) result.push({ promotion: indexed.promotion, skus });
    return result;
  }
}

function excluded(p: IndexedPromotion, line: EngineLine): boolean {
  if (p.excludeSkus.size && p.excludeSkus.has(line.sku)) return true;
  if (line.brand && p.excludeBrands.size && p.excludeBrands.has(line.brand)) return true;
  if (!p.excludeCategoryIds.size || !line.categoryIds) return false;
  for (const c of line.categoryIds) if (p.excludeCategoryIds.has(c)) return true;
  return false;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
