// Promotion windows replenishment plans with: where, when and by how much a scheduled promotion lifts demand.
import type { Kysely } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import type { SupplierDatabase } from './supplier-tables.js';

export interface PromotionLocationWindow {
  locationId: string;
  /** Day indexes (UTC), inclusive. */
  startDay: number;
  endDay: number;
}

export interface PromotionWindow {
  promotionId: string;
  status: 'SCHEDULED' | 'CANCELLED';
  uplift: number;
  skus: string[];
  locations: PromotionLocationWindow[];
  exclusions: { sku: string; locationId: string }[];
  startDay: number;
  endDay: number;
}

export class PromotionWindowRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>) {}

  async upsert(trx: Executor<SupplierDatabase>, window: PromotionWindow, now: string): Promise<void> {
    const row = {
      promotion_id: window.promotionId,
      status: window.status,
      start_day: window.startDay,
      end_day: window.endDay,
      uplift: window.uplift,
      skus: JSON.stringify(window.skus),
      locations: JSON.stringify(window.locations),
      exclusions: JSON.stringify(window.exclusions),
      updated_at: now,
    };
    const { promotion_id: _id, ...changes } = row;
    await trx.insertInto('promotion_window').values(row).onConflict((oc) => oc.column('promotion_id').doUpdateSet(changes)).execute();
  }

  async setStatus(trx: Executor<SupplierDatabase>, promotionId: string, status: PromotionWindow['status'], now: string): Promise<void> {
    await trx.updateTable('promotion_window').set({ status, updated_at: now }).where('promotion_id', '=', promotionId).execute();
  }

  async find(promotionId: string): Promise<PromotionWindow | undefined> {
    const row = await this.db.selectFrom('promotion_window').selectAll().where('promotion_id', '=', promotionId).executeTakeFirst();
    return row ? toWindow(row) : undefined;
  }

  /** Scheduled promotions with any day from `fromDay` to `toDay`. */
  async overlapping(fromDay: number, toDay: number): Promise<PromotionWindow[]> {
    const rows = await this.db.selectFrom('promotion_window').selectAll().where('status', '=', 'SCHEDULED').where('end_day', '>=', fromDay).where('start_day', '<=', toDay).execute();
    return rows.map(toWindow);
  }
}

function toWindow(row: SupplierDatabase['promotion_window']): PromotionWindow {
  return {
    promotionId: row.promotion_id,
    status: row.status as PromotionWindow['status'],
    uplift: Number(row.uplift),
    skus: JSON.parse(row.skus),
    locations: JSON.parse(row.locations),
    exclusions: JSON.parse(row.exclusions),
    startDay: Number(row.start_day),
    endDay: Number(row.end_day),
  };
}
