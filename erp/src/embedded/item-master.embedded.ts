// ItemMaster over the embedded ERP's item and category tables.
import type { Kysely, Selectable } from 'kysely';
import type { ChangePage } from '../ports/change-page.js';
import type { CategoryRecord, ItemMasterPort, ItemRecord, ItemStatus } from '../ports/item-master.port.js';
import { parseCursor } from './change-counter.js';
import { chunk } from './chunk.js';
import type { ErpDatabase, ItemTable } from './erp-schema.js';
import type { Xref } from './xref.js';

export class EmbeddedItemMaster implements ItemMasterPort {
  constructor(private readonly db: Kysely<ErpDatabase>, private readonly xref: Xref) {}

  async getItems(skus: readonly string[]): Promise<(ItemRecord | null)[]> {
    const itemNos = skus.map((sku) => this.xref.erpId('item', sku)).filter((n): n is string => Boolean(n));
    const byNo = new Map<string, ItemRecord>();
    for (const part of chunk([...new Set(itemNos)])) {
      const rows = await this.db.selectFrom('item').selectAll().where('item_no', 'in', part).execute();
      for (const row of rows) byNo.set(row.item_no, await this.toRecord(row));
    }
    return skus.map((sku) => {
      const no = this.xref.erpId('item', sku);
      return (no && byNo.get(no)) || null;
    });
  }

  async getCategories(): Promise<CategoryRecord[]> {
    const rows = await this.db.selectFrom('category').selectAll().orderBy('code').execute();
    const out: CategoryRecord[] = [];
    for (const r of rows) {
      out.push({
        id: await this.xref.hubId('category', r.code),
        name: r.name,
        parentId: r.parent_code ? await this.xref.hubId('category', r.parent_code) : null,
        minMarginBp: r.min_margin_bp,
        promotable: r.promotable === 1,
      });
    }
    return out;
  }

  async itemChanges(after: string | null, limit: number): Promise<ChangePage<ItemRecord>> {
    const rows = await this.db.selectFrom('item').selectAll().where('seq', '>', parseCursor(after)).orderBy('seq').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const records: ItemRecord[] = [];
    for (const row of page) records.push(await this.toRecord(row));
    return { records, cursor: String(page.at(-1)?.seq ?? parseCursor(after)), hasMore: rows.length > limit };
  }

  private async toRecord(row: Selectable<ItemTable>): Promise<ItemRecord> {
    return {
      sku: await this.xref.hubId('item', row.item_no),
      name: row.name,
      description: row.description,
      brand: row.brand,
      gtin: row.gtin,
      categoryId: await this.xref.hubId('category', row.category_code),
      packSize: row.pack_size,
      unitOfMeasure: row.uom,
      status: row.status as ItemStatus,
      promotable: row.promotable === 1,
      costCentAmount: row.standard_cost,
      currency: row.currency,
      updatedAt: row.updated_at,
    };
  }
}
