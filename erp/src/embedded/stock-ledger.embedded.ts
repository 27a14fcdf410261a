// StockLedger over the embedded ERP's warehouse, stock and stock_move tables.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { ErpRejectedError, type ChangePage } from '../ports/change-page.js';
import type { LocationRecord, LocationType, StockAdjustment, StockKey, StockLedgerPort, StockPosition } from '../ports/stock-ledger.port.js';
import { parseCursor, reserveSeq } from './change-counter.js';
import { chunk } from './chunk.js';
import type { ErpDatabase, StockTable } from './erp-schema.js';
import type { Xref } from './xref.js';

export class EmbeddedStockLedger implements StockLedgerPort {
  constructor(private readonly db: Kysely<ErpDatabase>, private readonly xref: Xref) {}

  async getLocations(): Promise<LocationRecord[]> {
    const rows = await this.db.selectFrom('warehouse').selectAll().orderBy('code').execute();
    const out: LocationRecord[] = [];
    for (const r of rows) {
      const id = await this.xref.hubId('location', r.code);
      out.push({ id, code: id.replace(/^LOC-/, ''), name: r.name, type: r.type as LocationType, region: r.region, timeZone: r.time_zone, active: r.active === 1 });
    }
    return out;
  }

  async getPositions(keys: readonly StockKey[]): Promise<(StockPosition | null)[]> {
    // One query per location touched, not one per key.
    const byWarehouse = new Map<string, Set<string>>();
    for (const key of keys) {
      const itemNo = this.xref.erpId('item', key.sku);
      const wh = this.xref.erpId('location', key.locationId);
      if (itemNo && wh) byWarehouse.set(wh, (byWarehouse.get(wh) ?? new Set()).add(itemNo));
    }
    const found = new Map<string, StockPosition>();
    for (const [wh, itemNos] of byWarehouse) {
      for (const part of chunk([...itemNos])) {
        const rows = await this.db.selectFrom('stock').selectAll().where('wh_code', '=', wh).where('item_no', 'in', part).execute();
        await this.xref.ensure('item', rows.map((r) => r.item_no));
        await this.xref.ensure('location', [wh]);
        for (const row of rows) {
          const position = this.toPosition(row);
          found.set(`${position.sku}@${position.locationId}`, position);
        }
      }
    }
    return keys.map((k) => found.get(`${k.sku}@${k.locationId}`) ?? null);
  }

  async positionChanges(after: string | null, limit: number): Promise<ChangePage<StockPosition>> {
    const rows = await this.db.selectFrom('stock').selectAll().where('seq', '>', parseCursor(after)).orderBy('seq').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    await this.xref.ensure('item', page.map((r) => r.item_no));
    await this.xref.ensure('location', page.map((r) => r.wh_code));
    const records = page.map((row) => this.toPosition(row));
    return { records, cursor: String(page.at(-1)?.seq ?? parseCursor(after)), hasMore: rows.length > limit };
  }

  async postAdjustments(adjustments: readonly StockAdjustment[]): Promise<StockPosition[]> {
    return this.db.transaction().execute(async (trx) => {
      const touched: Selectable<StockTable>[] = [];
      for (const [i, adj] of adjustments.entries()) {
        touched.push(await this.applyMove(trx, adj.adjustmentId, adj.sku, adj.locationId, adj.delta, adj.reason, adj.note ?? null, `adjustments.${i}`));
      }
      // Every touched row was mapped on the way in (applyMove looked its ids up).
      return touched.map((row) => this.toPosition(row));
    });
  }

  /**
   * Books one move unless its reference was booked before; refuses to take on-hand below zero.
   * Shared with purchasing receipts, which also move stock.
   */
  async applyMove(trx: Transaction<ErpDatabase>, moveRef: string, sku: string, locationId: string, delta: number, reason: string, note: string | null, field: string, onOrderDelta = 0): Promise<Selectable<StockTable>> {
    const itemNo = this.xref.erpId('item', sku);
    if (!itemNo) throw new ErpRejectedError(`unknown item ${sku}`, `${field}.sku`);
    const wh = this.xref.erpId('location', locationId);
    if (!wh) throw new ErpRejectedError(`unknown location ${locationId}`, `${field}.locationId`);
    const booked = await trx.selectFrom('stock_move').select('id').where('move_ref', '=', moveRef).executeTakeFirst();
    if (!booked) {
      const seq = await reserveSeq(trx);
      const now = new Date().toISOString();
      const updated = await trx
        .updateTable('stock')
        .set((eb) => ({ on_hand: eb('on_hand', '+', delta), on_order: eb('on_order', '+', onOrderDelta), seq, updated_at: now }))
        .where('item_no', '=', itemNo)
        .where('wh_code', '=', wh)
        .where((eb) => eb(eb('on_hand', '+', delta), '>=', 0))
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        const exists = await trx.selectFrom('stock').select('on_hand').where('item_no', '=', itemNo).where('wh_code', '=', wh).executeTakeFirst();
        if (exists) throw new ErpRejectedError(`on-hand ${exists.on_hand} cannot go below zero (delta ${delta})`, `${field}.delta`);
        if (delta < 0) throw new ErpRejectedError(`no stock of ${sku} at ${locationId}`, `${field}.delta`);
        await trx.insertInto('stock').values({ item_no: itemNo, wh_code: wh, on_hand: delta, on_order: Math.max(0, onOrderDelta), seq, updated_at: now }).execute();
      }
      await trx.insertInto('stock_move').values({ move_ref: moveRef, item_no: itemNo, wh_code: wh, qty: delta, reason, note, created_at: now }).execute();
    }
    return trx.selectFrom('stock').selectAll().where('item_no', '=', itemNo).where('wh_code', '=', wh).executeTakeFirstOrThrow();
  }

  /** Callers `ensure` the row's mappings first. */
  private toPosition(row: Selectable<StockTable>): StockPosition {
    return {
      sku: this.xref.known('item', row.item_no),
      locationId: this.xref.known('location', row.wh_code),
      onHand: row.on_hand,
      inbound: row.on_order,
      version: row.seq,
      updatedAt: row.updated_at,
    };
  }
}
