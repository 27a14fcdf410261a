// Standard Webhooks signatures: the published test vector, verification, tampering and stale timestamps.
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from './webhook-signature.js';

describe('Standard Webhooks signatures', () => {
  it('matches the test vector of the Standard Webhooks specification', () => {
    expect(signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('verifies its own headers, and refuses a changed body, another secret, or an old timestamp', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const now = 1_800_000_000;
    const headers = webhookHeaders(secret, 'msg_1', now, '[{"a":1}]');
    expect(verifyWebhook(secret, headers, '[{"a":1}]', now)).toEqual({ ok: true, id: 'msg_1', timestamp: now });
    expect(verifyWebhook(secret, headers, '[{"a":2}]', now)).toMatchObject({ ok: false });
    expect(verifyWebhook(generateWebhookSecret(), headers, '[{"a":1}]', now)).toMatchObject({ ok: false });
    expect(verifyWebhook(secret, headers, '[{"a":1}]', now + 301)).toMatchObject({ ok: false, reason: expect.stringMatching(/tolerance/) });
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': `v1,bm9wZQ== ${headers['webhook-signature']}` }, '[{"a":1}]', now)).toMatchObject({ ok: true });
    expect(verifyWebhook(secret, { 'webhook-id': 'msg_1' }, '[]', now)).toMatchObject({ ok: false });
  });

  it('signs a body given as its UTF-8 bytes exactly as the same body given as text', () => {
    const body = '[{"name":"Été \u2603 ☃"}]';
    expect(signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_1', 1614265330, Buffer.from(body))).toBe(signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_1', 1614265330, body));
  });
});
