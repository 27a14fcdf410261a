// What a subscription resolver learns from the subscription request beyond its arguments: where its subscriber resumes.
import type { FeedCursor } from './live-event-feed.js';

const LIVE = Symbol('hub.live-subscription');

interface LiveRequest {
  resumeAfter: FeedCursor | null;
}

/** Marks a subscription's context with the cursor its subscriber sent (`extensions.resumeAfter` of the subscribe message). */
export function withLiveRequest<T extends object>(context: T, resumeAfter: FeedCursor | null): T {
  return Object.assign(context, { [LIVE]: { resumeAfter } satisfies LiveRequest });
}

/** Where the subscriber wants to resume: null for a fresh subscription. Read it in the field's `subscribe` resolver. */
export function resumeCursorOf(context: object): FeedCursor | null {
  return (context as { [LIVE]?: LiveRequest })[LIVE]?.resumeAfter ?? null;
}

/** A cursor sent by a client is untrusted input: anything malformed means "from now". */
export function parseFeedCursor(value: unknown): FeedCursor | null {
  if (!value || typeof value !== 'object') return null;
  const { epoch, seq, id, time } = value as Record<string, unknown>;
  if (typeof epoch !== 'string' || epoch.length > 64 || !Number.isSafeInteger(seq) || (seq as number) < 0) return null;
  if (typeof id !== 'string' || id.length > 128 || typeof time !== 'string' || Number.isNaN(Date.parse(time))) return null;
  return { epoch, seq: seq as number, id, time };
}
