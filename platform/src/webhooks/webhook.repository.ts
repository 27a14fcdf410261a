// Reads and writes the webhook tables: endpoints, the message queue (oldest first per endpoint) and the attempt log.
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { AnyKysely, AnyTransaction } from '../store/transaction.js';
import type { WebhookAttemptTable, WebhookEndpointTable, WebhookMessageStatus, WebhookMessageTable, WebhookTables } from './webhook-tables.js';

export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;
export type WebhookMessageRow = Selectable<WebhookMessageTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptTable>;
/** A message as the dispatcher claims it: everything but the (possibly large) payload. */
export type WebhookMessageHead = Omit<WebhookMessageRow, 'payload'>;

export interface MessageFilter {
  endpointId?: string;
  status?: WebhookMessageStatus;
  eventType?: string;
  messageIds?: readonly string[];
  /** Messages after this seq (paging). */
  afterSeq?: number;
  limit?: number;
}

const HEAD_COLUMNS = ['seq', 'id', 'endpoint_id', 'event_type', 'content_type', 'render_kind', 'render_ref', 'status', 'attempts', 'next_attempt_at', 'last_error', 'last_status_code', 'created_at', 'delivered_at', 'dead_at'] as const;

export class WebhookRepository {
  private readonly db: Kysely<WebhookTables>;

  constructor(db: AnyKysely) {
    this.db = db as Kysely<WebhookTables>;
  }

  async insertEndpoint(row: WebhookEndpointRow): Promise<void> {
    await this.db.insertInto('webhook_endpoint').values(row).execute();
  }

  async endpoint(id: string): Promise<WebhookEndpointRow | undefined> {
    return this.db.selectFrom('webhook_endpoint').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async endpoints(filter: { audience?: string; audienceKeys?: readonly (string | null)[]; activeOnly?: boolean }, executor: AnyKysely | AnyTransaction = this.db): Promise<WebhookEndpointRow[]> {
    let q = (executor as Kysely<WebhookTables>).selectFrom('webhook_endpoint').selectAll();
    if (filter.audience) q = q.where('audience', '=', filter.audience);
    if (filter.audienceKeys) {
      const keys = filter.audienceKeys.filter((k): k is string => k !== null);
      const withNull = filter.audienceKeys.includes(null);
      q = q.where((eb) => eb.or([...(keys.length ? [eb('audience_key', 'in', keys)] : []), ...(withNull ? [eb('audience_key', 'is', null)] : []), ...(keys.length || withNull ? [] : [eb.val(false)])]));
    }
    if (filter.activeOnly) q = q.where('active', '=', 1);
    return q.orderBy('created_at').orderBy('id').execute();
  }

  async deactivate(id: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('webhook_endpoint').set({ active: 0, deactivated_at: at }).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async insertMessages(executor: AnyKysely | AnyTransaction, rows: Insertable<WebhookMessageTable>[]): Promise<void> {
    const db = executor as Kysely<WebhookTables>;
    // Chunked to stay under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 200) await db.insertInto('webhook_message').values(rows.slice(i, i + 200)).execute();
  }

  /**
   * The oldest pending message of each endpoint, if it is due: an endpoint receives its messages in
   * order, so a message waiting for a retry holds back the ones queued after it.
   */
  async dueHeads(now: string, limit: number): Promise<WebhookMessageHead[]> {
    return this.db
      .selectFrom('webhook_message as m')
      .select(HEAD_COLUMNS.map((c) => `m.${c}` as const))
      .where('m.status', '=', 'PENDING')
      .where('m.next_attempt_at', '<=', now)
      .where((eb) => eb('m.seq', '=', eb.selectFrom('webhook_message as p').select((p) => p.fn.min('p.seq').as('s')).whereRef('p.endpoint_id', '=', 'm.endpoint_id').where('p.status', '=', 'PENDING')))
      .orderBy('m.seq')
      .limit(limit)
      .execute();
  }

  /** Claims messages for an attempt by pushing their due time past it; returns the ids this caller won. */
  async lease(ids: readonly string[], now: string, until: string): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .updateTable('webhook_message')
      .set({ next_attempt_at: until })
      .where('id', 'in', [...ids])
      .where('status', '=', 'PENDING')
      .where('next_attempt_at', '<=', now)
      .returning('id')
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async payload(id: string): Promise<string | null> {
    const row = await this.db.selectFrom('webhook_message').select('payload').where('id', '=', id).executeTakeFirst();
    return row?.payload ?? null;
  }

  /** Records one attempt and the message's new state together. */
  async recordAttempt(attempt: Insertable<WebhookAttemptTable>, update: Partial<Pick<WebhookMessageRow, 'status' | 'attempts' | 'next_attempt_at' | 'last_error' | 'last_status_code' | 'delivered_at' | 'dead_at'>>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('webhook_attempt').values(attempt).execute();
      await trx.updateTable('webhook_message').set(update).where('id', '=', attempt.message_id).execute();
    });
  }

  /** Puts messages back in the queue from their first attempt; returns how many. */
  async requeue(filter: MessageFilter, now: string): Promise<number> {
    let q = this.db.updateTable('webhook_message').set({ status: 'PENDING', attempts: 0, next_attempt_at: now, dead_at: null, delivered_at: null });
    if (filter.messageIds) q = q.where('id', 'in', filter.messageIds.length ? [...filter.messageIds] : ['']);
    if (filter.endpointId) q = q.where('endpoint_id', '=', filter.endpointId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.eventType) q = q.where('event_type', '=', filter.eventType);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async messages(filter: MessageFilter): Promise<WebhookMessageHead[]> {
    let q = this.db.selectFrom('webhook_message').select([...HEAD_COLUMNS]);
    if (filter.messageIds) q = q.where('id', 'in', filter.messageIds.length ? [...filter.messageIds] : ['']);
    if (filter.endpointId) q = q.where('endpoint_id', '=', filter.endpointId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.eventType) q = q.where('event_type', '=', filter.eventType);
    if (filter.afterSeq !== undefined) q = q.where('seq', '>', filter.afterSeq);
    return q.orderBy('seq').limit(filter.limit ?? 100).execute();
  }

  async attempts(filter: { endpointId?: string; messageId?: string; afterSeq?: number; limit?: number }): Promise<WebhookAttemptRow[]> {
    let q = this.db.selectFrom('webhook_attempt').selectAll();
    if (filter.endpointId) q = q.where('endpoint_id', '=', filter.endpointId);
    if (filter.messageId) q = q.where('message_id', '=', filter.messageId);
    if (filter.afterSeq !== undefined) q = q.where('seq', '>', filter.afterSeq);
    return q.orderBy('seq').limit(filter.limit ?? 100).execute();
  }

  /** Pending, delivered and dead counts (a backlog gauge, tests). */
  async counts(endpointId?: string): Promise<Record<WebhookMessageStatus, number>> {
    let q = this.db.selectFrom('webhook_message').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status');
    if (endpointId) q = q.where('endpoint_id', '=', endpointId);
    const counts: Record<WebhookMessageStatus, number> = { PENDING: 0, DELIVERED: 0, DEAD: 0 };
    for (const row of await q.execute()) counts[row.status as WebhookMessageStatus] = Number(row.n);
    return counts;
  }
}
