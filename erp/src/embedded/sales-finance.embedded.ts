// SalesFinance over the embedded ERP's ledger: each posting id is booked once, however often it arrives.
import type { Kysely } from 'kysely';
import { ErpRejectedError, type ChangePage } from '../ports/change-page.js';
import type { PostingKind, PostingReceipt, SalesFinancePort, SalesHistoryRecord, SalesPosting } from '../ports/sales-finance.port.js';
import { parseCursor, reserveSeq } from './change-counter.js';
import { chunk } from './chunk.js';
import type { ErpDatabase } from './erp-schema.js';
import type { Xref } from './xref.js';

const DOCUMENT_PREFIX: Record<PostingKind, string> = { SALES_DOCUMENT: 'SO', INVOICE: 'INV', CREDIT_NOTE: 'CN' };

export class EmbeddedSalesFinance implements SalesFinancePort {
  constructor(private readonly db: Kysely<ErpDatabase>, private readonly xref: Xref) {}

  async postDocuments(postings: readonly SalesPosting[]): Promise<PostingReceipt[]> {
    return this.db.transaction().execute(async (trx) => {
      const receipts: PostingReceipt[] = [];
      for (const [i, p] of postings.entries()) {
        const existing = await trx.selectFrom('ledger_document').select(['document_no', 'booked_at']).where('posting_id', '=', p.postingId).executeTakeFirst();
        if (existing) {
          receipts.push({ postingId: p.postingId, documentNo: existing.document_no, bookedAt: existing.booked_at, duplicate: true });
          continue;
        }
        const wh = this.xref.erpId('location', p.locationId);
        if (!wh) throw new ErpRejectedError(`unknown location ${p.locationId}`, `postings.${i}.locationId`);
        const lines = p.lines.map((l, j) => {
          const itemNo = this.xref.erpId('item', l.sku);
          if (!itemNo) throw new ErpRejectedError(`unknown item ${l.sku}`, `postings.${i}.lines.${j}.sku`);
          return { item_no: itemNo, qty: l.quantity, net: l.netCentAmount };
        });
        const seq = await reserveSeq(trx);
        const documentNo = `${DOCUMENT_PREFIX[p.kind]}-${String(seq).padStart(8, '0')}`;
        const bookedAt = new Date().toISOString();
        await trx
          .insertInto('ledger_document')
          .values({
            document_no: documentNo,
            posting_id: p.postingId,
            kind: p.kind,
            order_ref: p.orderId,
            channel: p.channel,
            wh_code: wh,
            total: p.totalCentAmount,
            currency: p.currency,
            lines: JSON.stringify(lines),
            occurred_at: p.occurredAt,
            booked_at: bookedAt,
          })
          .execute();
        receipts.push({ postingId: p.postingId, documentNo, bookedAt, duplicate: false });
      }
      return receipts;
    });
  }

  async getPostings(postingIds: readonly string[]): Promise<(PostingReceipt | null)[]> {
    const found = new Map<string, PostingReceipt>();
    for (const part of chunk([...new Set(postingIds)])) {
      const rows = await this.db.selectFrom('ledger_document').select(['posting_id', 'document_no', 'booked_at']).where('posting_id', 'in', part).execute();
      for (const r of rows) found.set(r.posting_id, { postingId: r.posting_id, documentNo: r.document_no, bookedAt: r.booked_at, duplicate: false });
    }
    return postingIds.map((id) => found.get(id) ?? null);
  }

  async salesHistory(after: string | null, limit: number): Promise<ChangePage<SalesHistoryRecord>> {
    const rows = await this.db.selectFrom('sales_history').selectAll().where('seq', '>', parseCursor(after)).orderBy('seq').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const records: SalesHistoryRecord[] = [];
    for (const row of page) {
      const daily: number[] = [];
      for (let d = 0; d + 1 < row.daily.length; d += 2) daily.push(row.daily.readUInt16LE(d));
      records.push({ sku: await this.xref.hubId('item', row.item_no), locationId: await this.xref.hubId('location', row.wh_code), startDate: row.start_date, daily });
    }
    return { records, cursor: String(page.at(-1)?.seq ?? parseCursor(after)), hasMore: rows.length > limit };
  }
}
