// Which slot of every planning block belongs to which location, with the location's type and region (for run scopes).
import type { Kysely } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import type { SupplierDatabase } from './supplier-tables.js';

export interface LocationSlot {
  locationId: string;
  slot: number;
  type: string;
  region: string;
}

export interface SlotLocation {
  id: string;
  type: string;
  region: string;
}

export class LocationSlotRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>) {}

  async all(executor: Executor<SupplierDatabase> = this.db): Promise<LocationSlot[]> {
    const rows = await executor.selectFrom('location_slot').selectAll().orderBy('slot').execute();
    return rows.map((r) => ({ locationId: r.location_id, slot: r.slot, type: r.type, region: r.region }));
  }

  /**
   * Records locations: known ones get their type and region refreshed, new ones the next free slots
   * (in id order). A slot is never reused, so blocks written before stay valid.
   */
  async assign(trx: Executor<SupplierDatabase>, locations: readonly SlotLocation[], now: string): Promise<void> {
    const known = new Map((await this.all(trx)).map((s) => [s.locationId, s]));
    let next = Math.max(-1, ...[...known.values()].map((s) => s.slot)) + 1;
    for (const location of [...locations].sort((a, b) => a.id.localeCompare(b.id))) {
      const slot = known.get(location.id);
      if (!slot) {
        await trx.insertInto('location_slot').values({ location_id: location.id, slot: next++, type: location.type, region: location.region, updated_at: now }).execute();
      } else if (slot.type !== location.type || slot.region !== location.region) {
        await trx.updateTable('location_slot').set({ type: location.type, region: location.region, updated_at: now }).where('location_id', '=', location.id).execute();
      }
    }
  }
}
