// orders.posting.replayed.v1: a dead-lettered posting was queued again.
import type { NewEvent } from '@retail-hub/platform';

export const POSTING_REPLAYED_V1 = 'orders.posting.replayed.v1';

export interface PostingReplayedV1 {
  postingId: string;
  orderId: string;
  kind: string;
  replayedBy: string;
  replayedAt: string;
}

export function postingReplayedEvent(data: PostingReplayedV1): NewEvent<PostingReplayedV1> {
  return { type: POSTING_REPLAYED_V1, subject: data.postingId, data };
}
