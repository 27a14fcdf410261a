// The webhooks module's public surface (re-exported by the platform index).
export * from './webhook-tables.js';
export * from './webhook-signature.js';
export * from './webhook-allowlist.js';
export * from './webhook.repository.js';
export * from './webhooks.js';
export type { WebhookRenderer } from './webhook-dispatcher.js';
export * from './webhook-test-receiver.js';
