// orders.posting.posted.v1: the ERP's SalesFinance ledger booked a posting.
import type { NewEvent } from '@retail-hub/platform';

export const POSTING_POSTED_V1 = 'orders.posting.posted.v1';

export interface PostingPostedV1 {
  postingId: string;
  orderId: string;
  kind: string;
  documentNo: string;
  attempts: number;
  postedAt: string;
}

export function postingPostedEvent(data: PostingPostedV1): NewEvent<PostingPostedV1> {
  return { type: POSTING_POSTED_V1, subject: data.postingId, data };
}
