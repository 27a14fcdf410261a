// A service's own recent events, read back from its outbox: what a subscriber resuming after the service restarted may have missed.
import type { Kysely } from 'kysely';
import { typeMatches, type EventEnvelope } from '../events/envelope.js';
import type { EventTables } from '../events/event-tables.js';
import { rowToEnvelope } from '../events/outbox.js';
import type { AnyKysely } from '../store/transaction.js';

/** Where a resuming subscriber was: the last event it received (by id), and that event's time. */
export interface HistoryAnchor {
  id: string;
  time: string;
}

/** Events after the anchor, oldest first, at most `limit`. */
export type FeedHistory = (after: HistoryAnchor, limit: number) => Promise<EventEnvelope[]>;

/**
 * The outbox keeps published rows for a day, in commit order (seq): events after the anchor's row, or (an
 * event this service did not write, e.g. another replica's) those at or after its time. Unpublished rows are
 * included: a crash may have left them, and the subscriber drops any it then receives again by id.
 */
export function outboxHistory(database: AnyKysely, types: string[]): FeedHistory {
  const db = database as Kysely<EventTables>;
  return async (after, limit) => {
    const anchor = await db.selectFrom('outbox').select('seq').where('id', '=', after.id).executeTakeFirst();
    let query = db.selectFrom('outbox').selectAll();
    query = anchor ? query.where('seq', '>', anchor.seq) : query.where('time', '>=', after.time);
    const rows = await query.orderBy('seq').limit(limit).execute();
    return rows.map(rowToEnvelope).filter((event) => types.some((t) => typeMatches(t, event.type)));
  };
}
