// Sends queued webhook messages: oldest first per endpoint, several endpoints at once, retried with backoff, then dead-lettered.
import type { Logger } from 'pino';
import type { Clock } from '../time/clock.js';
import { PollingTask } from '../time/polling-task.js';
import type { WebhookMessageHead, WebhookRepository } from './webhook.repository.js';
import { sendWebhook, type SendResult } from './webhook-sender.js';

/** Builds a message's body at send time: text, or bytes (UTF-8) that are signed and sent as they are. */
export type WebhookRenderer = (ref: string) => Promise<string | Uint8Array>;

export interface DispatcherOptions {
  repository: WebhookRepository;
  clock: Clock;
  signingClock: Clock;
  logger: Logger;
  allowedHosts: readonly string[];
  renderers: Map<string, WebhookRenderer>;
  backoffMs: readonly number[];
  maxAttempts: number;
  concurrency: number;
  timeoutMs: number;
  pollIntervalMs: number;
  jitter: number;
}

export class WebhookDispatcher {
  /** Passes run one at a time, so a flush, a kick and the timer never send the same message twice. */
  private readonly task: PollingTask;
  /** Set by stop(): a pass in progress ends after the messages it has in flight. */
  private stopping = false;

  constructor(private readonly options: DispatcherOptions) {
    this.task = new PollingTask({ name: 'webhook dispatch pass', intervalMs: options.pollIntervalMs, logger: options.logger, pass: () => this.drain() });
  }

  start(): void {
    this.stopping = false;
    this.task.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.task.stop();
  }

  /** Send now: called after a transaction that queued messages commits. */
  kick(): void {
    this.task.kick();
  }

  /** Sends everything due now, and whatever becomes due behind it; resolves when nothing is due. */
  flush(): Promise<void> {
    return this.task.runNow();
  }

  private async drain(): Promise<void> {
    const { repository, clock, concurrency, timeoutMs } = this.options;
    for (;;) {
      const now = clock.now();
      const heads = await repository.dueHeads(now.toISOString(), concurrency * 4);
      if (heads.length === 0) return;
      // While an attempt is in flight its message is not due, so another pass or replica leaves it alone.
      const leased = await repository.lease(heads.map((h) => h.id), now.toISOString(), new Date(now.getTime() + timeoutMs * 2 + 1000).toISOString());
      const mine = heads.filter((h) => leased.has(h.id));
      if (mine.length === 0) return;
      await inParallel(mine, concurrency, (head) => this.attempt(head));
      if (this.stopping) return;
    }
  }

  private async attempt(head: WebhookMessageHead): Promise<void> {
    const { repository, clock, logger } = this.options;
    const endpoint = await repository.endpoint(head.endpoint_id);
    const attempt = head.attempts + 1;
    let result: SendResult;
    if (!endpoint || !endpoint.active) {
      result = { delivered: false, statusCode: null, error: 'endpoint deactivated', durationMs: 0, gone: true };
    } else {
      const payload = await this.payloadOf(head).catch((error: Error) => error);
      result =
        payload instanceof Error
          ? { delivered: false, statusCode: null, error: `payload could not be rendered: ${payload.message}`, durationMs: 0, gone: false }
          : await sendWebhook({ messageId: head.id, url: endpoint.url, secret: endpoint.secret, contentType: head.content_type, payload }, this.options);
    }
    const now = clock.now();
    const at = now.toISOString();
    const dead = !result.delivered && (result.gone || attempt >= this.options.maxAttempts);
    const outcome = result.delivered ? 'DELIVERED' : dead ? 'DEAD' : 'FAILED';
    if (result.gone && endpoint?.active) await repository.deactivate(endpoint.id, at);
    await repository.recordAttempt(
      { message_id: head.id, endpoint_id: head.endpoint_id, attempt, attempted_at: at, status_code: result.statusCode, error: result.error, duration_ms: result.durationMs, outcome },
      {
        attempts: attempt,
        status: result.delivered ? 'DELIVERED' : dead ? 'DEAD' : 'PENDING',
        next_attempt_at: result.delivered || dead ? at : new Date(now.getTime() + this.backoff(attempt)).toISOString(),
        last_error: result.error,
        last_status_code: result.statusCode,
        ...(result.delivered ? { delivered_at: at } : {}),
        ...(dead ? { dead_at: at } : {}),
      },
    );
    if (!result.delivered) logger.warn({ messageId: head.id, endpointId: head.endpoint_id, attempt, error: result.error, dead }, dead ? 'webhook dead-lettered' : 'webhook attempt failed');
  }

  private async payloadOf(head: WebhookMessageHead): Promise<string | Uint8Array> {
    if (!head.render_kind) return (await this.options.repository.payload(head.id)) ?? '';
    const render = this.options.renderers.get(head.render_kind);
    if (!render) throw new Error(`no renderer ${head.render_kind}`);
    return render(head.render_ref ?? '');
  }

  /** The wait before attempt n+1; the last step repeats, with jitter so retries of many messages spread out. */
  private backoff(attempt: number): number {
    const { backoffMs, jitter } = this.options;
    const base = backoffMs[Math.min(attempt - 1, backoffMs.length - 1)] ?? 60_000;
    return Math.round(base * (1 + jitter * (Math.random() * 2 - 1)));
  }
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
