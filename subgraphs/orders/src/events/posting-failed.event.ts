// orders.posting.failed.v1: a posting was dead-lettered and waits for a replay.
import type { NewEvent } from '@retail-hub/platform';

export const POSTING_FAILED_V1 = 'orders.posting.failed.v1';

export interface PostingFailedV1 {
  postingId: string;
  orderId: string;
  kind: string;
  attempts: number;
  error: string;
  failedAt: string;
}

export function postingFailedEvent(data: PostingFailedV1): NewEvent<PostingFailedV1> {
  return { type: POSTING_FAILED_V1, subject: data.postingId, data };
}
