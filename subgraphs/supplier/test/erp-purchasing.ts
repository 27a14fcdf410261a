// What the ERP itself says about purchasing, read straight from its feeds: the truth the subgraph tests compare against.
import { sql } from 'kysely';
import type { ChangePage, PurchaseOrderRecord, SupplierItemRecord, SupplierRecord, TestErp } from '@retail-hub/erp';

export interface ErpPurchasing {
  suppliers: SupplierRecord[];
  items: SupplierItemRecord[];
  orders: PurchaseOrderRecord[];
}

/** Reads every feed from the start; each record's latest version wins, as in a projection. */
export async function readErpPurchasing(erp: TestErp): Promise<ErpPurchasing> {
  const purchasing = erp.erp.ports.purchasing;
  return {
    suppliers: latest(await readAll((a, n) => purchasing.supplierChanges(a, n)), (s) => s.id),
    items: latest(await readAll((a, n) => purchasing.supplierItemChanges(a, n)), (i) => `${i.supplierId}|${i.sku}`),
    orders: latest(await readAll((a, n) => purchasing.purchaseOrderChanges(a, n)), (o) => o.id),
  };
}

/** Blocks a supplier in the ERP the way an ERP user would: the row changes and moves up the change feed. */
export async function deactivateSupplierInErp(erp: TestErp, supplierId: string): Promise<void> {
  await sql`UPDATE vendor SET active = 0, seq = (SELECT value + 1 FROM change_counter)
            WHERE code = (SELECT erp_id FROM xref WHERE entity = 'supplier' AND hub_id = ${supplierId})`.execute(erp.erp.db);
  await sql`UPDATE change_counter SET value = value + 1`.execute(erp.erp.db);
}

async function readAll<T>(fetch: (after: string | null, limit: number) => Promise<ChangePage<T>>): Promise<T[]> {
  const records: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page: ChangePage<T> = await fetch(after, 1000);
    records.push(...page.records);
    after = page.cursor;
    if (!page.hasMore) return records;
  }
}

function latest<T>(records: T[], key: (r: T) => string): T[] {
  return [...new Map(records.map((r) => [key(r), r])).values()];
}
