// Keeps a local projection in step with an ERP change feed: pages in order, each page and its cursor in one transaction.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../time/clock.js';
import type { SyncTables } from './sync-state-table.js';

export interface FeedPage<T> {
  records: T[];
  cursor: string;
  hasMore: boolean;
}

export interface ChangeFeedSyncOptions<T, DB> {
  /** Names the feed in sync_state, e.g. `erp.items`. */
  feed: string;
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  fetchPage: (after: string | null, limit: number) => Promise<FeedPage<T>>;
  /** Writes one page into the projection; `initialLoad` is true until a pass has read the feed to its end (also across a crash mid-load). */
  apply: (trx: Transaction<DB>, records: T[], initialLoad: boolean) => Promise<void>;
  /** Runs after a page commits (e.g. to kick the outbox relay). */
  afterPage?: () => void;
  /** @default 5000 */
  pageSize?: number;
  /** @default 2000 */
  intervalMs?: number;
  onProgress?: (feed: string, records: number) => void;
}

export class ChangeFeedSync<T, DB> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = true;
  /** Set by stop(): a catch-up in flight ends at its next page (syncNow also runs without start()). */
  private halted = false;
  private lastSuccess: Date | null = null;

  constructor(private readonly options: ChangeFeedSyncOptions<T, DB>) {}

  /** When the ERP last answered this feed (persisted, so it survives a restart with the ERP down). */
  get lastSuccessAt(): Date | null {
    return this.lastSuccess;
  }

  /** Reads the feed until it is caught up; returns how many records were applied. */
  async syncNow(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Catches up once (throws if the ERP cannot be read and nothing was ever loaded), then polls. */
  async start(): Promise<void> {
    this.stopped = false;
    this.halted = false;
    const state = await this.state();
    this.lastSuccess = state?.last_success_at ? new Date(state.last_success_at) : null;
    try {
      await this.syncNow();
    } catch (error) {
      if (!state?.cursor) throw error;
      this.options.logger.warn({ err: error, feed: this.options.feed }, 'ERP unreachable at start; serving the last synced view');
    }
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.syncNow()
        .catch(() => undefined)
        .finally(() => this.schedule());
    }, this.options.intervalMs ?? 2000);
    this.timer.unref();
  }

  private async pass(): Promise<number> {
    const { db, feed, pageSize = 5000 } = this.options;
    const sync = db as unknown as Kysely<SyncTables>;
    const state = await this.state();
    let cursor = state?.cursor ?? null;
    const initialLoad = !state?.caught_up;
    let applied = 0;
    try {
      for (;;) {
        const page = await this.options.fetchPage(cursor, pageSize);
        const now = this.options.clock.now().toISOString();
        await db.transaction().execute(async (trx) => {
          if (page.records.length) await this.options.apply(trx, page.records, initialLoad);
          await (trx as unknown as Transaction<SyncTables>)
            .insertInto('sync_state')
            .values({ feed, cursor: page.cursor, last_success_at: now, last_error: null, last_error_at: null, caught_up: page.hasMore ? 0 : 1 })
            .onConflict((oc) =>
              oc.column('feed').doUpdateSet({ cursor: page.cursor, last_success_at: now, last_error: null, last_error_at: null, ...(page.hasMore ? {} : { caught_up: 1 }) }),
            )
            .execute();
        });
        this.lastSuccess = new Date(now);
        if (page.records.length) this.options.afterPage?.();
        applied += page.records.length;
        cursor = page.cursor;
        if (page.records.length) this.options.onProgress?.(feed, applied);
        if (!page.hasMore) return applied;
        // A long catch-up (a first load of hundreds of pages) ends at a page boundary when the service stops;
        // the cursor is saved with each page, so the next start goes on from here.
        if (this.halted) return applied;
        // On SQLite every query resolves at once, so a catch-up is one unbroken chain of promises that keeps
        // sockets waiting (a request to the hub waited 20 s behind a first-start import). Let I/O in per page.
        await nextTurn();
      }
    } catch (error) {
      const now = this.options.clock.now().toISOString();
      await sync
        .insertInto('sync_state')
        .values({ feed, cursor, last_success_at: state?.last_success_at ?? null, last_error: String((error as Error).message), last_error_at: now, caught_up: 0 })
        .onConflict((oc) => oc.column('feed').doUpdateSet({ last_error: String((error as Error).message), last_error_at: now }))
        .execute()
        .catch(() => undefined);
      throw error;
    }
  }

  private state() {
    return (this.options.db as unknown as Kysely<SyncTables>).selectFrom('sync_state').selectAll().where('feed', '=', this.options.feed).executeTakeFirst();
  }
}
