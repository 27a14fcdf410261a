// What promotions read about products through the graph (service credential): eligibility, cost, margin floor, supplier terms.
import type { GraphClient } from '@retail-hub/platform';
import type { PromotionTargets } from '../engine/engine-model.js';

/** One product as validation needs it. */
export interface CatalogItem {
  sku: string;
  status: string;
  /** The ERP's promotable flag for the item and its category (and the category's parent). */
  promotable: boolean;
  brand: string;
  categoryId: string;
  /** The category and its parent: category targets match either. */
  categoryPath: string[];
  minMarginBp: number;
  unitCost: number;
  currency: string;
  /** The primary supplier's terms; null when the item has none. */
  supplier: { leadTimeDays: number; weeklyCapacity: number } | null;
}

const PRODUCT_FIELDS = /* GraphQL */ `sku status promotable brand standardCost { centAmount currency }
  category { id promotable minMarginBp parent { id promotable } } primarySupplier { leadTimeDays weeklyCapacity }`;
const CATALOG = /* GraphQL */ `{ categories { id products(first: 200) { nodes { ${PRODUCT_FIELDS} } pageInfo { hasNextPage endCursor } } } }`;
const PAGE = /* GraphQL */ `query($filter: ProductFilter, $after: String) { products(filter: $filter, first: 200, after: $after) {
  nodes { ${PRODUCT_FIELDS} } pageInfo { hasNextPage endCursor } } }`;
/** Up to this many SKUs are read one by one; more, and whole category pages are cheaper (one supplier fetch per page). */
const DIRECT_LOOKUP_MAX = 60;
/** The gateway refuses more root fields per operation (HUB_MAX_ROOT_FIELDS, default 15). */
const ROOT_FIELDS_PER_REQUEST = 15;

interface GraphProduct {
  sku: string;
  status: string;
  promotable: boolean;
  brand: string;
  standardCost: { centAmount: number; currency: string };
  category: { id: string; promotable: boolean; minMarginBp: number; parent: { id: string; promotable: boolean } | null };
  primarySupplier: { leadTimeDays: number; weeklyCapacity: number } | null;
}

export class CatalogGraphSource {
  constructor(private readonly graph: GraphClient | undefined) {}

  private get client(): GraphClient {
    if (!this.graph) throw new Error('pricing has no graph client: promotions read the catalog through the gateway');
    return this.graph;
  }

  async categories(): Promise<{ id: string; parentId: string | null }[]> {
    const data = await this.client.request<{ categories: { id: string; parent: { id: string } | null }[] }>(/* GraphQL */ `{ categories { id parent { id } } }`);
    return data.categories.map((c) => ({ id: c.id, parentId: c.parent?.id ?? null }));
  }

  async unknownCategoryIds(ids: readonly string[]): Promise<Set<string>> {
    const known = new Set((await this.categories()).map((c) => c.id));
    return new Set(ids.filter((id) => !known.has(id)));
  }

  async unknownBrands(brands: readonly string[]): Promise<Set<string>> {
    const unknown = new Set<string>();
    await Promise.all(
      chunk(brands, ROOT_FIELDS_PER_REQUEST).map(async (part) => {
        const vars = part.map((_, i) => `$b${i}: String`).join(', ');
        const fields = part.map((_, i) => `b${i}: products(filter: { brand: $b${i} }, first: 1) { totalCount }`).join('\n');
        const data = await this.client.request<Record<string, { totalCount: number }>>(`query(${vars}) { ${fields} }`, Object.fromEntries(part.map((b, i) => [`b${i}`, b])));
        part.forEach((b, i) => data[`b${i}`]!.totalCount === 0 && unknown.add(b));
      }),
    );
    return unknown;
  }

  /** Every product the targets name, exclusions removed, in SKU order. */
  async itemsFor(targets: PromotionTargets): Promise<CatalogItem[]> {
    const skus = targets.skus ?? [];
    const onlySkus = !targets.categoryIds?.length && !targets.brands?.length;
    const found = onlySkus && skus.length <= DIRECT_LOOKUP_MAX ? await this.bySku(skus) : await this.scan();
    const wanted = (item: CatalogItem) =>
      (skus.includes(item.sku) || item.categoryPath.some((c) => targets.categoryIds?.includes(c)) || (targets.brands ?? []).some((b) => b.toLowerCase() === item.brand.toLowerCase())) &&
      !targets.excludeSkus?.includes(item.sku) &&
      !item.categoryPath.some((c) => targets.excludeCategoryIds?.includes(c)) &&
      !(targets.excludeBrands ?? []).some((b) => b.toLowerCase() === item.brand.toLowerCase());
    return [...new Map(found.map((i) => [i.sku, i])).values()].filter(wanted).sort((a, b) => (a.sku < b.sku ? -1 : 1));
  }

  private async bySku(skus: readonly string[]): Promise<CatalogItem[]> {
    const parts = await Promise.all(
      chunk(skus, ROOT_FIELDS_PER_REQUEST).map(async (part) => {
        const vars = part.map((_, i) => `$s${i}: ID!`).join(', ');
        const fields = part.map((_, i) => `p${i}: product(sku: $s${i}) { ${PRODUCT_FIELDS} }`).join('\n');
        const data = await this.client.request<Record<string, GraphProduct | null>>(`query(${vars}) { ${fields} }`, Object.fromEntries(part.map((s, i) => [`s${i}`, s])));
        return Object.values(data).filter((p): p is GraphProduct => p !== null).map(toItem);
      }),
    );
    return parts.flat();
  }

  /**
   * The catalog category by category in one request: the gateway then fetches every product's
   * supplier terms in one batch (paging products by filter costs a supplier fetch per page, four
   * times slower at 2,000 SKUs). A category with more than a page is read on with its own cursor.
   * Cost grows with the catalog, not the promotion: fine for thousands of SKUs.
   */
  private async scan(): Promise<CatalogItem[]> {
    type Page = { nodes: GraphProduct[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    const data = await this.client.request<{ categories: { id: string; products: Page }[] }>(CATALOG);
    const items = data.categories.flatMap((c) => c.products.nodes.map(toItem));
    for (const category of data.categories) {
      let page = category.products;
      while (page.pageInfo.hasNextPage) {
        page = (await this.client.request<{ products: Page }>(PAGE, { filter: { categoryId: category.id }, after: page.pageInfo.endCursor })).products;
        // The filter includes child categories, which their own entries already cover.
        items.push(...page.nodes.filter((p) => p.category.id === category.id).map(toItem));
      }
    }
    return items;
  }
}

function toItem(p: GraphProduct): CatalogItem {
  return {
    sku: p.sku,
    status: p.status,
    promotable: p.promotable && p.category.promotable && (p.category.parent?.promotable ?? true),
    brand: p.brand,
    categoryId: p.category.id,
    categoryPath: [p.category.id, ...(p.category.parent ? [p.category.parent.id] : [])],
    minMarginBp: p.category.minMarginBp,
    unitCost: p.standardCost.centAmount,
    currency: p.standardCost.currency,
    supplier: p.primarySupplier,
  };
}

function chunk<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
