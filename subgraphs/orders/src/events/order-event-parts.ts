// Shapes several orders.* events share: a fulfilment and its lines.
export interface SkuQuantity {
  sku: string;
  quantity: number;
}

export interface FulfilmentPart {
  fulfilmentId: string;
  locationId: string;
  lines: SkuQuantity[];
}
