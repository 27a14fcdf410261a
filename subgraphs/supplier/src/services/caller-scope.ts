// The partner rule: a supplier partner sees only its own supplier, items and orders; internal callers see everything.
import { supplierPartnerId, type Claims } from '@retail-hub/platform';
import type { SupplierScope } from '../store/supplier-scope.js';

/**
 * Worked out once per request from the verified claims and passed to every repository read, so no
 * path (list, id lookup, entity reference, nested field) can reach another supplier's rows.
 */
export function callerScope(claims: Claims): SupplierScope {
  return { supplierId: supplierPartnerId(claims) };
}
