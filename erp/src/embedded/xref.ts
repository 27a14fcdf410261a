// The canonical mapping between hub ids and ERP codes: it lives with the port, so no subgraph sees ERP codes.
import type { Kysely } from 'kysely';
import type { ErpDatabase } from './erp-schema.js';

export type XrefEntity = 'item' | 'category' | 'location' | 'supplier';

/** Hub id prefixes for ERP records that appear without a mapping (created in the ERP itself). */
const HUB_PREFIX: Record<XrefEntity, string> = { item: 'SKU-E', category: 'CAT-E', location: 'LOC-E', supplier: 'SUP-E' };

export class Xref {
  private readonly toErp = new Map<string, string>();
  private readonly toHub = new Map<string, string>();

  constructor(private readonly db: Kysely<ErpDatabase>) {}

  /** Loads every mapping into memory; the mapping is small (one row per item, location, supplier). */
  async load(): Promise<void> {
    this.toErp.clear();
    this.toHub.clear();
    const rows = await this.db.selectFrom('xref').selectAll().execute();
    for (const r of rows) this.remember(r.entity as XrefEntity, r.hub_id, r.erp_id);
  }

  erpId(entity: XrefEntity, hubId: string): string | undefined {
    return this.toErp.get(`${entity}:${hubId}`);
  }

  /** The hub id of an ERP record; one the ERP created on its own gets a new mapping. */
  async hubId(entity: XrefEntity, erpId: string): Promise<string> {
    const known = this.toHub.get(`${entity}:${erpId}`);
    if (known) return known;
    const hubId = `${HUB_PREFIX[entity]}${erpId}`;
    await this.db.insertInto('xref').values({ entity, hub_id: hubId, erp_id: erpId }).onConflict((oc) => oc.doNothing()).execute();
    this.remember(entity, hubId, erpId);
    return hubId;
  }

  /** Synchronous lookup for hot paths; callers make sure the mapping exists (hubIds first). */
  hubIdKnown(entity: XrefEntity, erpId: string): string | undefined {
    return this.toHub.get(`${entity}:${erpId}`);
  }

  async hubIds(entity: XrefEntity, erpIds: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const id of erpIds) out.push(this.toHub.get(`${entity}:${id}`) ?? (await this.hubId(entity, id)));
    return out;
  }

  private remember(entity: XrefEntity, hubId: string, erpId: string): void {
    this.toErp.set(`${entity}:${hubId}`, erpId);
    this.toHub.set(`${entity}:${erpId}`, hubId);
  }
}
