// The tables of outbound webhooks: registered endpoints, messages waiting or sent, and the log of every attempt.
import { sql, type Generated, type Migration } from 'kysely';
import type { Dialect } from '../store/store-config.js';
import { addSequenceColumn } from '../store/column-types.js';

export interface WebhookEndpointTable {
  /** `whe_<random>`. */
  id: string;
  url: string;
  /** Who the endpoint is for, chosen by the owning service: STORE, ECOMMERCE, SUPPLIER... */
  audience: string;
  /** Narrows the audience: a location id, a supplier id; null for the whole audience. */
  audience_key: string | null;
  description: string | null;
  /** `whsec_<base64>`: the HMAC key, shown once at registration. */
  secret: string;
  /** 1 while messages are sent to it. */
  active: number;
  created_at: string;
  created_by: string | null;
  deactivated_at: string | null;
}

export type WebhookMessageStatus = 'PENDING' | 'DELIVERED' | 'DEAD';

export interface WebhookMessageTable {
  /** Orders an endpoint's messages: each endpoint receives them in this order. */
  seq: Generated<number>;
  /** `msg_<random>`: the webhook-id header, the same on every attempt so receivers can dedupe. */
  id: string;
  endpoint_id: string;
  /** What the message carries, for the delivery log and replay filters, e.g. pricing.price.changed.v1. */
  event_type: string;
  content_type: string;
  /** The body, when the caller gave it whole. */
  payload: string | null;
  /** Or a renderer (registered by the owning service) and its reference: the body is built at send time. */
  render_kind: string | null;
  render_ref: string | null;
  status: WebhookMessageStatus;
  attempts: number;
  /** When the next attempt may start (the service clock); also pushed forward while an attempt is in flight. */
  next_attempt_at: string;
  last_error: string | null;
  last_status_code: number | null;
  created_at: string;
  delivered_at: string | null;
  dead_at: string | null;
}

export type WebhookAttemptOutcome = 'DELIVERED' | 'FAILED' | 'DEAD';

export interface WebhookAttemptTable {
  seq: Generated<number>;
  message_id: string;
  endpoint_id: string;
  attempt: number;
  attempted_at: string;
  /** Null when no HTTP answer came (refused, timed out, not allowed). */
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  outcome: WebhookAttemptOutcome;
}

export interface WebhookTables {
  webhook_endpoint: WebhookEndpointTable;
  webhook_message: WebhookMessageTable;
  webhook_attempt: WebhookAttemptTable;
}

/** Add to a service's migration list (after its event tables). */
export function webhookTablesMigration(dialect: Dialect): Migration {
  return {
    async up(db) {
      await db.schema
        .createTable('webhook_endpoint')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('audience_key', 'text')
        .addColumn('description', 'text')
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('deactivated_at', 'text')
        .execute();
      await db.schema.createIndex('webhook_endpoint_audience').on('webhook_endpoint').columns(['audience', 'audience_key']).execute();
      await addSequenceColumn(db.schema.createTable('webhook_message'), 'seq', dialect)
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('endpoint_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text')
        .addColumn('render_kind', 'text')
        .addColumn('render_ref', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('last_status_code', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .addColumn('dead_at', 'text')
        .execute();
      // The dispatcher only looks at pending messages, oldest first per endpoint.
      await sql`CREATE INDEX webhook_message_pending ON webhook_message (endpoint_id, seq) WHERE status = 'PENDING'`.execute(db);
      await db.schema.createIndex('webhook_message_endpoint').on('webhook_message').columns(['endpoint_id', 'seq']).execute();
      await addSequenceColumn(db.schema.createTable('webhook_attempt'), 'seq', dialect)
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('endpoint_id', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('attempted_at', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_attempt_message').on('webhook_attempt').columns(['message_id', 'attempt']).execute();
      await db.schema.createIndex('webhook_attempt_endpoint').on('webhook_attempt').columns(['endpoint_id', 'seq']).execute();
    },
  };
}
