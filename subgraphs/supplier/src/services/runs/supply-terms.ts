// Who replenishment orders a SKU from: the primary supplier while it is active, else the first active alternate.
import type { SupplierItemRow } from '../../store/supplier-item.repository.js';

export interface SupplyTerms {
  supplierId: string;
  packSize: number;
  minOrderQty: number;
  leadTimeDays: number;
  weeklyCapacity: number;
  unitCostCentAmount: number;
  currency: string;
}

/** `items` are every supplier item of the SKUs wanted; `activeSuppliers` the suppliers the ERP has not blocked. */
export function chooseSuppliers(items: readonly SupplierItemRow[], activeSuppliers: ReadonlySet<string>): Map<string, SupplyTerms> {
  const chosen = new Map<string, { row: SupplierItemRow }>();
  for (const row of items) {
    if (!activeSuppliers.has(row.supplier_id)) continue;
    const current = chosen.get(row.sku);
    if (!current || rank(row) < rank(current.row)) chosen.set(row.sku, { row });
  }
  return new Map(
    [...chosen].map(([sku, { row }]) => [
      sku,
      {
        supplierId: row.supplier_id,
        // The ERP should never send a case of 0; ordering in cases of 1 is the safe reading.
        packSize: Math.max(1, row.pack_size),
        minOrderQty: Math.max(0, row.min_order_qty),
        leadTimeDays: Math.max(0, row.lead_time_days),
        weeklyCapacity: Math.max(0, row.weekly_capacity),
        unitCostCentAmount: row.unit_cost_cent_amount,
        currency: row.currency,
      },
    ]),
  );
}

/** Primary first, then by supplier id: a stable choice. */
function rank(row: SupplierItemRow): string {
  return `${row.is_primary === 1 ? 0 : 1}|${row.supplier_id}`;
}
