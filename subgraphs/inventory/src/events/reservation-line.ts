// The line every inventory.reservation.* event carries: units of one product at one location.
export interface ReservedUnits {
  sku: string;
  locationId: string;
  quantity: number;
}
