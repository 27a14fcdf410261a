// Outbound signed webhooks for any service: register endpoints, queue messages in your own transaction, and they are delivered.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { badUserInput } from '../errors/hub-errors.js';
import type { AnyKysely, AnyTransaction } from '../store/transaction.js';
import { systemClock, type Clock } from '../time/clock.js';
import { LOOPBACK_HOSTS, webhookTargetProblem } from './webhook-allowlist.js';
import { WebhookDispatcher, type WebhookRenderer } from './webhook-dispatcher.js';
import { generateWebhookSecret } from './webhook-signature.js';
import { WebhookRepository, type MessageFilter, type WebhookAttemptRow, type WebhookEndpointRow, type WebhookMessageHead } from './webhook.repository.js';
import type { WebhookMessageStatus } from './webhook-tables.js';

export interface WebhooksOptions {
  /** The owning service's database; it must have run webhookTablesMigration. */
  db: AnyKysely;
  /** The service clock: retry times and the delivery log. */
  clock: Clock;
  logger: Logger;
  /** Hosts webhooks may be sent to (see webhookTargetProblem). @default LOOPBACK_HOSTS */
  allowedHosts?: readonly string[];
  /** Wait before each retry, in ms; the last repeats. @default [5 s, 30 s, 2 min, 10 min, 30 min, 2 h, 6 h] */
  backoffMs?: readonly number[];
  /** Attempts before a message is dead-lettered. @default 8 */
  maxAttempts?: number;
  /** Messages in flight at once (each to a different endpoint). @default 16 */
  concurrency?: number;
  /** Per attempt, answer included. @default 10000 */
  timeoutMs?: number;
  /** How often to look for due retries when nothing kicks the dispatcher. @default 500 */
  pollIntervalMs?: number;
  /** Spread of each retry delay, as a share of it. @default 0.1 */
  jitter?: number;
  /** Clock for webhook-timestamp. @default systemClock (receivers check it against their own time) */
  signingClock?: Clock;
}

/** What a caller queues: a body given whole, or a renderer's kind and reference for bodies built at send time. */
export interface OutgoingWebhook {
  endpointId: string;
  /** Labels the message in the delivery log and replay filters. */
  eventType: string;
  /** A string is sent as is; anything else as JSON. */
  payload?: unknown;
  render?: { kind: string; ref: string };
  /** @default application/json */
  contentType?: string;
}

export interface RegisterWebhookInput {
  url: string;
  audience: string;
  audienceKey?: string | null;
  description?: string | null;
  createdBy?: string | null;
}

/** An endpoint as callers see it; `secret` is only returned by register. */
export type WebhookEndpoint = Omit<WebhookEndpointRow, 'secret' | 'active'> & { active: boolean };

export class Webhooks {
  readonly repository: WebhookRepository;
  private readonly dispatcher: WebhookDispatcher;
  private readonly renderers = new Map<string, WebhookRenderer>();
  private readonly allowedHosts: readonly string[];

  constructor(private readonly options: WebhooksOptions) {
    this.repository = new WebhookRepository(options.db);
    this.allowedHosts = options.allowedHosts ?? LOOPBACK_HOSTS;
    this.dispatcher = new WebhookDispatcher({
      repository: this.repository,
      clock: options.clock,
      signingClock: options.signingClock ?? systemClock,
      logger: options.logger,
      allowedHosts: this.allowedHosts,
      renderers: this.renderers,
      backoffMs: options.backoffMs ?? [5_000, 30_000, 120_000, 600_000, 1_800_000, 7_200_000, 21_600_000],
      maxAttempts: options.maxAttempts ?? 8,
      concurrency: options.concurrency ?? 16,
      timeoutMs: options.timeoutMs ?? 10_000,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      jitter: options.jitter ?? 0.1,
    });
  }

  /** Null when the URL may be registered, else why not (host off the allowlist, not http(s), ...). */
  targetProblem(url: string): string | null {
    return webhookTargetProblem(url, this.allowedHosts);
  }

  /**
   * Registers an endpoint and returns it with its signing secret (shown only here). A URL off the
   * allowlist is a BAD_USER_INPUT naming `field`, and nothing is written.
   */
  async register(input: RegisterWebhookInput, field = 'input.url'): Promise<WebhookEndpoint & { secret: string }> {
    const problem = this.targetProblem(input.url);
    if (problem) throw badUserInput(field, problem);
    const row: WebhookEndpointRow = {
      id: `whe_${randomBytes(9).toString('base64url')}`,
      url: input.url,
      audience: input.audience,
      audience_key: input.audienceKey ?? null,
      description: input.description ?? null,
      secret: generateWebhookSecret(),
      active: 1,
      created_at: this.options.clock.now().toISOString(),
      created_by: input.createdBy ?? null,
      deactivated_at: null,
    };
    await this.repository.insertEndpoint(row);
    return { ...toEndpoint(row), secret: row.secret };
  }

  /** Active endpoints of an audience, optionally only those with one of `audienceKeys` (null: the audience-wide ones). */
  async endpoints(filter: { audience?: string; audienceKeys?: readonly (string | null)[]; includeInactive?: boolean } = {}, executor?: AnyKysely | AnyTransaction): Promise<WebhookEndpoint[]> {
    const rows = await this.repository.endpoints({ ...filter, activeOnly: !filter.includeInactive }, executor);
    return rows.map(toEndpoint);
  }

  async deactivate(endpointId: string): Promise<boolean> {
    return this.repository.deactivate(endpointId, this.options.clock.now().toISOString());
  }

  /** Builds bodies at send time for messages queued with `render: { kind }` (large batches stay compact in the queue). */
  registerRenderer(kind: string, render: WebhookRenderer): void {
    this.renderers.set(kind, render);
  }

  /**
   * Queues messages inside the caller's transaction, so they are sent if and only if it commits.
   * Call kick() after the commit to send at once. Returns the message ids (the webhook-id header).
   */
  async enqueue(trx: AnyKysely | AnyTransaction, messages: readonly OutgoingWebhook[]): Promise<string[]> {
    const now = this.options.clock.now().toISOString();
    const rows = messages.map((m) => ({
      id: `msg_${randomBytes(12).toString('base64url')}`,
      endpoint_id: m.endpointId,
      event_type: m.eventType,
      content_type: m.contentType ?? 'application/json',
      payload: m.render ? null : typeof m.payload === 'string' ? m.payload : JSON.stringify(m.payload ?? null),
      render_kind: m.render?.kind ?? null,
      render_ref: m.render?.ref ?? null,
      status: 'PENDING' as const,
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      last_status_code: null,
      created_at: now,
      delivered_at: null,
      dead_at: null,
    }));
    await this.repository.insertMessages(trx, rows);
    return rows.map((r) => r.id);
  }

  /**
   * Sends messages again from a first attempt: by default the dead-lettered ones matching the filter;
   * with explicit messageIds, those whatever their state (a receiver that lost what it got). Returns how many.
   */
  async replay(filter: { messageIds?: readonly string[]; endpointId?: string; eventType?: string; status?: WebhookMessageStatus } = {}): Promise<number> {
    const status = filter.status ?? (filter.messageIds ? undefined : 'DEAD');
    const count = await this.repository.requeue({ ...filter, status }, this.options.clock.now().toISOString());
    if (count) this.kick();
    return count;
  }

  /** The queue, newest state of each message (the delivery log's summary). */
  messages(filter: MessageFilter = {}): Promise<WebhookMessageHead[]> {
    return this.repository.messages(filter);
  }

  /** The delivery log: one row per attempt, oldest first. */
  attempts(filter: { endpointId?: string; messageId?: string; afterSeq?: number; limit?: number } = {}): Promise<WebhookAttemptRow[]> {
    return this.repository.attempts(filter);
  }

  start(): void {
    this.dispatcher.start();
  }

  stop(): Promise<void> {
    return this.dispatcher.stop();
  }

  kick(): void {
    this.dispatcher.kick();
  }

  /** Sends everything due now (tests, benchmarks, shutdown). */
  flush(): Promise<void> {
    return this.dispatcher.flush();
  }
}

function toEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  const { secret: _secret, active, ...rest } = row;
  return { ...rest, active: active === 1 };
}
