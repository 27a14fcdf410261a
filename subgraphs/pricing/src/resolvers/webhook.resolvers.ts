// Webhook endpoints and the delivery log, from the platform webhook module's rows.
import type { WebhookAttemptRow, WebhookEndpoint, WebhookMessageHead } from '@retail-hub/platform';
import type { PricingContext } from '../context.js';

export const webhookResolvers = {
  Webhook: {
    locationId: (w: WebhookEndpoint) => w.audience_key,
    createdAt: (w: WebhookEndpoint) => w.created_at,
    createdBy: (w: WebhookEndpoint) => w.created_by,
  },
  WebhookDelivery: {
    webhookId: (m: WebhookMessageHead) => m.endpoint_id,
    eventType: (m: WebhookMessageHead) => m.event_type,
    nextAttemptAt: (m: WebhookMessageHead) => (m.status === 'PENDING' ? m.next_attempt_at : null),
    lastStatusCode: (m: WebhookMessageHead) => m.last_status_code,
    lastError: (m: WebhookMessageHead) => m.last_error,
    createdAt: (m: WebhookMessageHead) => m.created_at,
    deliveredAt: (m: WebhookMessageHead) => m.delivered_at,
    deadAt: (m: WebhookMessageHead) => m.dead_at,
    log: (m: WebhookMessageHead, _: unknown, ctx: PricingContext) => ctx.promotions.webhooks.attempts(ctx.claims, m.id),
  },
  WebhookAttempt: {
    attemptedAt: (a: WebhookAttemptRow) => a.attempted_at,
    statusCode: (a: WebhookAttemptRow) => a.status_code,
    durationMs: (a: WebhookAttemptRow) => a.duration_ms,
  },
};
