// One delivery attempt: check the target against the allowlist, sign, POST, and say what happened.
import type { Clock } from '../time/clock.js';
import { webhookTargetProblem } from './webhook-allowlist.js';
import { webhookHeaders } from './webhook-signature.js';

export interface SendRequest {
  messageId: string;
  url: string;
  secret: string;
  contentType: string;
  /** Text, or its UTF-8 bytes (a large rendered batch: signed and sent without encoding it again). */
  payload: string | Uint8Array;
}

export interface SendResult {
  /** 2xx: the receiver has it. */
  delivered: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** 410 Gone: the receiver asks never to be called again (Standard Webhooks). */
  gone: boolean;
}

export interface SenderOptions {
  allowedHosts: readonly string[];
  timeoutMs: number;
  /** Signs webhook-timestamp; real time, because receivers compare it with their own clocks. */
  signingClock: Clock;
}

export async function sendWebhook(request: SendRequest, options: SenderOptions): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  // Checked again at send time: the allowlist may have been narrowed since the endpoint was registered.
  const problem = webhookTargetProblem(request.url, options.allowedHosts);
  if (problem) return { delivered: false, statusCode: null, error: `not sent: url ${problem}`, durationMs: 0, gone: false };
  const timestamp = Math.floor(options.signingClock.now().getTime() / 1000);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': request.contentType, 'user-agent': 'retail-hub-webhooks/1', ...webhookHeaders(request.secret, request.messageId, timestamp, request.payload) },
      body: request.payload,
      // A redirect could lead off the allowlist: it counts as a failure, never followed.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text().catch(() => '');
    const delivered = response.status >= 200 && response.status < 300;
    return {
      delivered,
      statusCode: response.status,
      error: delivered ? null : `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
      durationMs: elapsed(),
      gone: response.status === 410,
    };
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    return { delivered: false, statusCode: null, error: String(cause?.message ?? (error as Error).message), durationMs: elapsed(), gone: false };
  }
}
