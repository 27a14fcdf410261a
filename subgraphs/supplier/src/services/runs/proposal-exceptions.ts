// The exception codes of a run, and the bits a proposal carries for the ones that concern it.
export type ReplenishmentExceptionCode = 'NO_SUPPLIER' | 'SUPPLIER_CAPACITY_EXCEEDED' | 'LEAD_TIME_MISSES_PROMOTION' | 'BELOW_MOQ';

export const EXCEPTION_BITS: Record<Exclude<ReplenishmentExceptionCode, 'NO_SUPPLIER'>, number> = {
  BELOW_MOQ: 1,
  SUPPLIER_CAPACITY_EXCEEDED: 2,
  LEAD_TIME_MISSES_PROMOTION: 4,
};

export function exceptionCodes(mask: number): ReplenishmentExceptionCode[] {
  return (Object.entries(EXCEPTION_BITS) as [ReplenishmentExceptionCode, number][]).filter(([, bit]) => (mask & bit) !== 0).map(([code]) => code);
}
