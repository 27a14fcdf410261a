// SalesFinance: the ERP's financial ledger (sales documents, invoices, credit notes) and its sales history.
import type { Channel, ChangePage } from './change-page.js';

export type PostingKind = 'SALES_DOCUMENT' | 'INVOICE' | 'CREDIT_NOTE';

export interface SalesPostingLine {
  sku: string;
  quantity: number;
  /** Net line amount in minor units (after discounts). */
  netCentAmount: number;
}

export interface SalesPosting {
  /** The hub's posting id; the ERP books each id once, however often it is sent. */
  postingId: string;
  kind: PostingKind;
  orderId: string;
  channel: Channel;
  locationId: string;
  lines: SalesPostingLine[];
  totalCentAmount: number;
  currency: string;
  occurredAt: string;
}

export interface PostingReceipt {
  postingId: string;
  /** The ERP's own document number. */
  documentNo: string;
  bookedAt: string;
  /** True when this id had been booked before (a replay); nothing new was booked. */
  duplicate: boolean;
}

export interface SalesHistoryRecord {
  sku: string;
  locationId: string;
  /** The first day of `daily` (YYYY-MM-DD, the location's local date). */
  startDate: string;
  /** Units sold per day, oldest first. */
  daily: number[];
}

export interface SalesFinancePort {
  postDocuments(postings: readonly SalesPosting[]): Promise<PostingReceipt[]>;
  getPostings(postingIds: readonly string[]): Promise<(PostingReceipt | null)[]>;
  /** Daily sales history, page by page (a bulk export for demand planning). */
  salesHistory(after: string | null, limit: number): Promise<ChangePage<SalesHistoryRecord>>;
}
