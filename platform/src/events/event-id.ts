// Event ids that sort by the time they were made, so the tables keyed by them grow at one end.
import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Every outbox row has a unique index on its
 * event's id, and every inbox row is keyed by (consumer, event id). With random (v4) ids each new row landed on a
 * random page of those indexes, so a commit wrote one index page per event; with ids that grow with time, a run of
 * events lands on the last page or two. Ids made in the same millisecond are unique but in no particular order.
 */
export function newEventId(nowMs = Date.now()): string {
  // randomUUID draws from node's pooled random bytes and already sets the RFC variant bits; its first 48 bits
  // become the time and its version nibble becomes 7.
  const random = randomUUID();
  const time = nowMs.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
