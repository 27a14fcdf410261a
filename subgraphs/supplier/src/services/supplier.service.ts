// The supplier rules: supplier lookups and filtered pages, who supplies a SKU, which supplier is primary.
import { badUserInput, decodeCursor, notFound, pageSize, toConnection, type Connection } from '@retail-hub/platform';
import type { SupplierItemRepository } from '../store/supplier-item.repository.js';
import type { SupplierScope } from '../store/supplier-scope.js';
import type { SupplierQuery, SupplierRepository } from '../store/supplier.repository.js';
import { toSupplier, toSupplierItem, type Supplier, type SupplierItem } from './supplier-model.js';

export interface SupplierFilterInput {
  search?: string | null;
  active?: boolean | null;
}

export class SupplierService {
  constructor(private readonly suppliers: SupplierRepository, private readonly items: SupplierItemRepository) {}

  /** Batch lookup in key order (a DataLoader batch function); suppliers outside the scope are null. */
  async suppliersById(scope: SupplierScope, ids: readonly string[]): Promise<(Supplier | null)[]> {
    const byId = new Map((await this.suppliers.findByIds(scope, ids)).map((r) => [r.id, toSupplier(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Every supplier of each SKU the caller may see, primary first, in key order. */
  async itemsBySku(scope: SupplierScope, skus: readonly string[]): Promise<SupplierItem[][]> {
    const bySku = new Map<string, SupplierItem[]>();
    for (const row of await this.items.findBySkus(scope, skus)) {
      const list = bySku.get(row.sku) ?? [];
      list.push(toSupplierItem(row));
      bySku.set(row.sku, list);
    }
    return skus.map((sku) => bySku.get(sku) ?? []);
  }

  /** The ERP marks one primary supplier per SKU; a partner who is not it sees none. */
  primaryOf(items: readonly SupplierItem[]): SupplierItem | null {
    return items.find((item) => item.primary) ?? null;
  }

  /** The same answer whether the supplier does not exist or belongs to someone else, so ids cannot be probed. */
  requireSupplier(supplier: Supplier | null, id: string): Supplier {
    if (!supplier) throw notFound('id', `id: no supplier ${id}`);
    return supplier;
  }

  async listSuppliers(scope: SupplierScope, filter: SupplierFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<Supplier>> {
    const limit = pageSize(first);
    const afterId = after ? String(decodeCursor(after, 'after')[0]) : undefined;
    const query: SupplierQuery = {
      searchTerms: filter?.search != null ? searchTerms(filter.search) : undefined,
      active: filter?.active ?? undefined,
    };
    const rows = await this.suppliers.page(scope, query, afterId, limit + 1);
    return toConnection(rows.map(toSupplier), limit, (s) => [s.id], () => this.suppliers.count(scope, query), Boolean(afterId));
  }
}

function searchTerms(search: string): string[] {
  const terms = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) throw badUserInput('filter.search', 'must contain at least one word');
  if (terms.length > 10 || search.length > 200) throw badUserInput('filter.search', 'at most 10 words and 200 characters');
  return terms;
}
