// The location <-> slot map every planning block is laid out by, cached in memory and extended as locations appear.
import type { Clock, Executor } from '@retail-hub/platform';
import type { LocationSlot, LocationSlotRepository, SlotLocation } from '../store/location-slot.repository.js';
import type { SupplierDatabase } from '../store/supplier-tables.js';

/** Where a location the ERP has not described yet (seen first on an event) is filed until the next refresh. */
const UNKNOWN = 'UNKNOWN';

export class LocationSlots {
  private byId = new Map<string, LocationSlot>();
  private ordered: LocationSlot[] = [];

  constructor(private readonly repository: LocationSlotRepository, private readonly clock: Clock) {}

  async load(executor?: Executor<SupplierDatabase>): Promise<void> {
    this.ordered = await this.repository.all(executor);
    this.byId = new Map(this.ordered.map((s) => [s.locationId, s]));
  }

  /** Slots in slot order. */
  all(): readonly LocationSlot[] {
    return this.ordered;
  }

  /** One more than the highest slot: the entries a block must have to cover every location. */
  get width(): number {
    return (this.ordered.at(-1)?.slot ?? -1) + 1;
  }

  slotOf(locationId: string): number | undefined {
    return this.byId.get(locationId)?.slot;
  }

  get(locationId: string): LocationSlot | undefined {
    return this.byId.get(locationId);
  }

  /** Records locations with their type and region (from the ERP), giving new ones slots. */
  async record(trx: Executor<SupplierDatabase>, locations: readonly SlotLocation[]): Promise<void> {
    await this.repository.assign(trx, locations, this.clock.now().toISOString());
    await this.load(trx);
  }

  /** Gives slots to locations seen on an event before the ERP's location list named them. */
  async ensure(trx: Executor<SupplierDatabase>, locationIds: readonly string[]): Promise<void> {
    const missing = [...new Set(locationIds)].filter((id) => !this.byId.has(id));
    if (missing.length) await this.record(trx, missing.map((id) => ({ id, type: UNKNOWN, region: UNKNOWN })));
  }
}
