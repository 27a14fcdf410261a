// Outbound webhooks against a real HTTP receiver, on SQLite and PostgreSQL: signing, transactions, retries, dead letters, replay, order, restarts.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase, type Database } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import { createTestStore, TEST_DIALECTS, type TestStore } from '../store/test-stores.js';
import { silentLogger } from '../telemetry/logger.js';
import { ControllableClock } from '../time/clock.js';
import { webhookTablesMigration, type WebhookTables } from './webhook-tables.js';
import { startWebhookReceiver, type WebhookTestReceiver } from './webhook-test-receiver.js';
import { Webhooks, type WebhooksOptions } from './webhooks.js';

interface Db extends WebhookTables {
  change: { id: string };
}

describe.each(TEST_DIALECTS)('webhooks on %s', (dialect) => {
  let test: TestStore;
  let store: Database<Db>;
  let receiver: WebhookTestReceiver;
  let webhooks: Webhooks;
  const clock = new ControllableClock(new Date('2026-12-01T00:00:00Z'));
  const make = (options: Partial<WebhooksOptions> = {}) => new Webhooks({ db: store.db, clock, logger: silentLogger(), backoffMs: [1000, 5000], maxAttempts: 3, jitter: 0, pollIntervalMs: 20, ...options });
  const register = async (path: string, w = webhooks) => {
    const endpoint = await w.register({ url: `${receiver.baseUrl}${path}`, audience: 'STORE', audienceKey: path.slice(1) });
    receiver.secrets.set(path, endpoint.secret);
    return endpoint;
  };
  const enqueue = (endpointId: string, payload: unknown, w = webhooks) => store.db.transaction().execute((trx) => w.enqueue(trx, [{ endpointId, eventType: 'test.thing.changed.v1', payload }]));

  beforeAll(async () => {
    test = await createTestStore(dialect, 'webhooks');
    store = openDatabase<Db>(test.config);
    await migrateToLatest(store.db, store.dialect, {
      '001_webhooks': webhookTablesMigration,
      '002_change': () => ({ up: async (db: Kysely<any>) => void (await db.schema.createTable('change').addColumn('id', 'text').execute()) }),
    });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await store?.close();
    await test?.drop();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.all.length = 0;
    receiver.respond = () => 204;
    webhooks = make();
  });
  afterEach(() => webhooks.stop());

  it('refuses to register a host off the allowlist, naming the field, and writes nothing', async () => {
    const before = await webhooks.endpoints({ includeInactive: true });
    await expect(webhooks.register({ url: 'https://attacker.example.net/steal', audience: 'STORE' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.url' } });
    await expect(webhooks.register({ url: 'http://10.0.0.5/pos', audience: 'STORE' }, 'url')).rejects.toMatchObject({ extensions: { field: 'url' } });
    expect(await webhooks.endpoints({ includeInactive: true })).toEqual(before);
  });

  it('sends a message queued in a committed transaction, signed with Standard Webhooks headers; a rolled-back one never', async () => {
    const endpoint = await register('/s1');
    await expect(
      store.db.transaction().execute(async (trx) => {
        await webhooks.enqueue(trx, [{ endpointId: endpoint.id, eventType: 'test.thing.changed.v1', payload: { n: 0 } }]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const [id] = await enqueue(endpoint.id, [{ n: 1 }]);
    await webhooks.flush();
    expect(receiver.received).toHaveLength(1);
    const delivery = receiver.received[0]!;
    expect(delivery).toMatchObject({ path: '/s1', id, body: '[{"n":1}]', verified: true });
    expect(delivery.headers['content-type']).toBe('application/json');
    // The timestamp is real time (receivers check it against their own clocks), not the moved service clock.
    expect(Math.abs(Number(delivery.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    const log = await webhooks.attempts({ messageId: id });
    expect(log).toMatchObject([{ attempt: 1, status_code: 204, outcome: 'DELIVERED', endpoint_id: endpoint.id }]);
  });

  it('retries a failing delivery with backoff on the service clock, keeping the webhook-id', async () => {
    const endpoint = await register('/s2');
    receiver.respond = (_d, attempt) => (attempt < 3 ? 503 : 200);
    const [id] = await enqueue(endpoint.id, { n: 2 });
    await webhooks.flush();
    expect(receiver.all.filter((d) => d.id === id)).toHaveLength(1);
    clock.advance(999);
    await webhooks.flush();
    expect(receiver.all.filter((d) => d.id === id)).toHaveLength(1);
    clock.advance(1);
    await webhooks.flush();
    clock.advance(5000);
    await webhooks.flush();
    expect(receiver.all.filter((d) => d.id === id).map((d) => d.id)).toEqual([id, id, id]);
    expect(receiver.received.map((d) => d.id)).toEqual([id]);
    expect((await webhooks.attempts({ messageId: id })).map((a) => [a.attempt, a.status_code, a.outcome])).toEqual([[1, 503, 'FAILED'], [2, 503, 'FAILED'], [3, 200, 'DELIVERED']]);
  });

  it('dead-letters after the last attempt and replays on request, to the same webhook-id', async () => {
    const endpoint = await register('/s3');
    receiver.respond = () => 500;
    const [id] = await enqueue(endpoint.id, { n: 3 });
    for (let i = 0; i < 3; i++) {
      await webhooks.flush();
      clock.advance(5000);
    }
    expect((await webhooks.messages({ messageIds: [id!] }))[0]).toMatchObject({ status: 'DEAD', attempts: 3, last_status_code: 500 });
    receiver.respond = () => 200;
    expect(await webhooks.replay({ endpointId: endpoint.id })).toBe(1);
    await webhooks.flush();
    expect(receiver.received.map((d) => d.id)).toEqual([id]);
    expect((await webhooks.messages({ messageIds: [id!] }))[0]).toMatchObject({ status: 'DELIVERED' });
    // An explicit replay sends a delivered message again (a receiver that lost it).
    expect(await webhooks.replay({ messageIds: [id!] })).toBe(1);
    await webhooks.flush();
    expect(receiver.received.map((d) => d.id)).toEqual([id, id]);
  });

  it('delivers each endpoint its messages in order: a message waiting to retry holds back the next', async () => {
    const endpoint = await register('/s4');
    const other = await register('/s5');
    receiver.respond = (d, attempt) => (d.body === 'first' && attempt === 1 ? 500 : 204);
    await enqueue(endpoint.id, 'first');
    await enqueue(endpoint.id, 'second');
    await enqueue(other.id, 'elsewhere');
    await webhooks.flush();
    expect(receiver.received.map((d) => d.body)).toEqual(['elsewhere']);
    clock.advance(1000);
    await webhooks.flush();
    expect(receiver.received.filter((d) => d.path === '/s4').map((d) => d.body)).toEqual(['first', 'second']);
  });

  it('stops calling an endpoint that answers 410 Gone', async () => {
    const endpoint = await register('/s6');
    receiver.respond = () => 410;
    const [id] = await enqueue(endpoint.id, { n: 6 });
    await webhooks.flush();
    expect((await webhooks.messages({ messageIds: [id!] }))[0]).toMatchObject({ status: 'DEAD' });
    expect((await webhooks.endpoints({ includeInactive: true })).find((e) => e.id === endpoint.id)).toMatchObject({ active: false });
    expect((await webhooks.endpoints({ audience: 'STORE' })).some((e) => e.id === endpoint.id)).toBe(false);
  });

  it('renders bodies at send time for messages queued by reference', async () => {
    const endpoint = await register('/s7');
    webhooks.registerRenderer('test.batch', async (ref) => JSON.stringify({ rendered: ref }));
    await store.db.transaction().execute((trx) => webhooks.enqueue(trx, [{ endpointId: endpoint.id, eventType: 'test.batch', render: { kind: 'test.batch', ref: 'B-1' } }]));
    await webhooks.flush();
    expect(receiver.received.map((d) => [d.body, d.verified])).toEqual([['{"rendered":"B-1"}', true]]);
  });

  it('sends what a stopped process left queued once a new one starts, to many endpoints at once', async () => {
    const endpoints = await Promise.all(Array.from({ length: 40 }, (_, i) => register(`/many-${i}`)));
    await store.db.transaction().execute((trx) => webhooks.enqueue(trx, endpoints.map((e) => ({ endpointId: e.id, eventType: 'test.thing.changed.v1', payload: { to: e.id } }))));
    // The first process dies before sending anything; the next one's dispatcher picks the queue up.
    await webhooks.stop();
    const next = make();
    next.start();
    try {
      const got = await receiver.waitFor(40, (d) => d.path.startsWith('/many-'));
      expect(new Set(got.map((d) => d.path)).size).toBe(40);
      expect(got.every((d) => d.verified)).toBe(true);
    } finally {
      await next.stop();
    }
  });

  it('sends a message once when two dispatchers race for it', async () => {
    const endpoint = await register('/race');
    const [id] = await enqueue(endpoint.id, { n: 'race' });
    const other = make();
    await Promise.all([webhooks.flush(), other.flush()]);
    expect(receiver.all.filter((d) => d.id === id)).toHaveLength(1);
  });
});
