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
  hubId(entity: XrefEntity, erpId: string): string | Promise<string> {
    // Synchronous when the mapping is known (nearly always): feed pages of thousands of rows await nothing.
    const known = this.toHub.get(`${entity}:${erpId}`);
    if (known) return known;
    return this.createHubId(entity, erpId);
  }

  private async createHubId(entity: XrefEntity, erpId: string): Promise<string> {
    const hubId = `${HUB_PREFIX[entity]}${erpId}`;
    await this.db.insertInto('xref').values({ entity, hub_id: hubId, erp_id: erpId }).onConflict((oc) => oc.doNothing()).execute();
    this.remember(entity, hubId, erpId);
    return hubId;
  }

  /** Makes sure every id has a mapping, so `known` can answer synchronously for a whole page. */
  async ensure(entity: XrefEntity, erpIds: readonly string[]): Promise<void> {
    for (const id of erpIds) if (!this.toHub.has(`${entity}:${id}`)) await this.createHubId(entity, id);
  }

  /** The hub id of an ERP code that `ensure` has seen. */
  known(entity: XrefEntity, erpId: string): string {
    const hubId = this.toHub.get(`${entity}:${erpId}`);
    if (!hubId) throw new Error(`no hub id for ${entity} ${erpId}: call ensure() first`);
    return hubId;
  }

  private remember(entity: XrefEntity, hubId: string, erpId: string): void {
    this.toErp.set(`${entity}:${hubId}`, erpId);
    this.toHub.set(`${entity}:${erpId}`, hubId);
  }
}
