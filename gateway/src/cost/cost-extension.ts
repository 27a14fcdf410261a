// extensions.cost in the shape partners know from Shopify: requested and actual cost, and the bucket's state.

export interface CostExtension {
  requestedQueryCost: number;
  /** Null when the operation did not run. */
  actualQueryCost: number | null;
  throttleStatus: {
    maximumAvailable: number;
    currentlyAvailable: number;
    restoreRate: number;
  };
}

export function costExtension(requested: number, actual: number | null, available: number, capacity: number, restoreRate: number): CostExtension {
  return {
    requestedQueryCost: requested,
    actualQueryCost: actual,
    throttleStatus: { maximumAvailable: capacity, currentlyAvailable: Math.floor(available), restoreRate },
  };
}
