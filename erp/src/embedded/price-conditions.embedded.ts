// PriceConditions over the embedded ERP's price_condition table.
import type { Kysely, Selectable } from 'kysely';
import type { Channel, ChangePage } from '../ports/change-page.js';
import type { ListPriceRecord, PriceConditionsPort } from '../ports/price-conditions.port.js';
import { parseCursor } from './change-counter.js';
import { chunk } from './chunk.js';
import type { ErpDatabase, PriceConditionTable } from './erp-schema.js';
import type { Xref } from './xref.js';

export class EmbeddedPriceConditions implements PriceConditionsPort {
  constructor(private readonly db: Kysely<ErpDatabase>, private readonly xref: Xref) {}

  async getListPrices(skus: readonly string[]): Promise<ListPriceRecord[][]> {
    const bySku = new Map<string, ListPriceRecord[]>();
    const itemNos = skus.map((s) => this.xref.erpId('item', s)).filter((n): n is string => Boolean(n));
    for (const part of chunk([...new Set(itemNos)])) {
      const rows = await this.db.selectFrom('price_condition').selectAll().where('item_no', 'in', part).execute();
      for (const row of rows) {
        const record = await this.toRecord(row);
        bySku.set(record.sku, [...(bySku.get(record.sku) ?? []), record]);
      }
    }
    return skus.map((sku) => bySku.get(sku) ?? []);
  }

  async priceChanges(after: string | null, limit: number): Promise<ChangePage<ListPriceRecord>> {
    const rows = await this.db
      .selectFrom('price_condition')
      .selectAll()
      .where('seq', '>', parseCursor(after))
      .orderBy('seq')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const records: ListPriceRecord[] = [];
    for (const row of page) records.push(await this.toRecord(row));
    return { records, cursor: String(page.at(-1)?.seq ?? parseCursor(after)), hasMore: rows.length > limit };
  }

  private async toRecord(row: Selectable<PriceConditionTable>): Promise<ListPriceRecord> {
    return {
      sku: await this.xref.hubId('item', row.item_no),
      channel: row.channel as Channel,
      region: row.region === '' ? null : row.region,
      centAmount: row.amount,
      currency: row.currency,
      validFrom: row.valid_from,
      validTo: row.valid_to,
    };
  }
}
