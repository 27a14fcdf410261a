// The catalog rules: product lookups, filtered product pages, the category tree.
import { badUserInput, decodeCursor, notFound, pageSize, toConnection, type Connection } from '@retail-hub/platform';
import type { CategoryRepository } from '../store/category.repository.js';
import type { ProductRepository } from '../store/product.repository.js';
import { toCategory, toProduct, type Category, type Product } from './catalog-model.js';

export interface ProductFilterInput {
  categoryId?: string | null;
  brand?: string | null;
  search?: string | null;
  status?: string | null;
}

export class CatalogService {
  constructor(private readonly products: ProductRepository, private readonly categories: CategoryRepository) {}

  /** Batch lookup in key order (a DataLoader batch function). */
  async productsBySku(skus: readonly string[]): Promise<(Product | null)[]> {
    const rows = await this.products.findBySkus(skus);
    const bySku = new Map(rows.map((r) => [r.sku, toProduct(r)]));
    return skus.map((sku) => bySku.get(sku) ?? null);
  }

  async categoriesById(ids: readonly string[]): Promise<(Category | null)[]> {
    const rows = await this.categories.findByIds(ids);
    const byId = new Map(rows.map((r) => [r.id, toCategory(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Departments (no parent) first, then categories, each by id. */
  async allCategories(): Promise<Category[]> {
    const all = (await this.categories.all()).map(toCategory);
    return [...all.filter((c) => !c.parentId), ...all.filter((c) => c.parentId)];
  }

  requireProduct(product: Product | null, sku: string): Product {
    if (!product) throw notFound('sku', `sku: no product ${sku}`);
    return product;
  }

  /** `onlySkus`: a supplier partner's own items; null for everyone else. */
  async listProducts(filter: ProductFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined, onlySkus: ReadonlySet<string> | null = null): Promise<Connection<Product>> {
    const limit = pageSize(first);
    const afterSku = after ? String(decodeCursor(after, 'after')[0]) : undefined;
    const query = {
      categoryIds: filter?.categoryId ? await this.categoryWithChildren(filter.categoryId) : undefined,
      brand: filter?.brand?.trim() || undefined,
      searchTerms: filter?.search ? searchTerms(filter.search) : undefined,
      status: filter?.status ?? undefined,
      skus: onlySkus ? [...onlySkus] : undefined,
    };
    const rows = await this.products.page({ ...query, afterSku, limit: limit + 1 });
    return toConnection(rows.map(toProduct), limit, (p) => [p.sku], () => this.products.count(query), Boolean(afterSku));
  }

  private async categoryWithChildren(categoryId: string): Promise<string[]> {
    const all = await this.categories.all();
    if (!all.some((c) => c.id === categoryId)) throw badUserInput('filter.categoryId', `no category ${categoryId}`);
    return all.filter((c) => c.id === categoryId || c.parent_id === categoryId).map((c) => c.id);
  }
}

function searchTerms(search: string): string[] {
  const terms = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) throw badUserInput('filter.search', 'must contain at least one word');
  if (terms.length > 10 || search.length > 200) throw badUserInput('filter.search', 'at most 10 words and 200 characters');
  return terms;
}
