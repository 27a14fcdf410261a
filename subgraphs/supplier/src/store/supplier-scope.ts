// Fences a store query to what the caller may see: the one place a supplier partner's rows are limited in SQL.
import { sql, type SelectQueryBuilder } from 'kysely';

export interface SupplierScope {
  /** Set for a supplier partner: every read returns only this supplier's rows. Null: every row. */
  readonly supplierId: string | null;
}

/** Everything: internal callers and the ERP sync. */
export const UNRESTRICTED: SupplierScope = { supplierId: null };

/**
 * Use on every read (`query.$call(restrictTo(scope, 'purchase_order.supplier_id'))`): `column` is the
 * supplier id the rows belong to.
 */
export function restrictTo(scope: SupplierScope, column: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- applies to any table that carries a supplier id
  return <QB extends SelectQueryBuilder<any, any, any>>(query: QB): QB =>
    scope.supplierId === null ? query : (query.where(sql.ref(column), '=', scope.supplierId) as QB);
}
