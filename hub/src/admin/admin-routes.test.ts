import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultSwitch } from '@retail-hub/erp';
import { ControllableClock, loadHubConfig, silentLogger, type RunningHttpServer } from '@retail-hub/platform';
import { adminRoutes, serveAdminRoutes } from './admin-routes.js';
import { forwardRoute } from './forward-route.js';

describe('admin routes forwarded from the gateway thread', () => {
  let admin: RunningHttpServer | null = null;
  let front: Server | null = null;
  afterEach(async () => {
    await admin?.close();
    front?.closeAllConnections();
    await new Promise((resolve) => (front ? front.close(resolve) : resolve(undefined)));
    admin = front = null;
  });

  /** A server like the gateway's: each admin path forwards to the admin server. */
  async function gatewayLike(target: string, paths: string[]): Promise<string> {
    const routes = Object.fromEntries(paths.map((path) => [path, forwardRoute(target)]));
    front = createServer((req, res) => void routes[(req.url ?? '').split('?', 1)[0]!]!(req, res));
    await new Promise<void>((resolve) => front!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  }

  it('flips the fault switch and moves the clock of the thread that owns them, with their answers and errors', async () => {
    const faults = new FaultSwitch();
    const clock = new ControllableClock(new Date('2026-12-01T00:00:00Z'));
    const routes = adminRoutes(loadHubConfig([]).config, { faults, clock });
    admin = await serveAdminRoutes(routes, silentLogger());
    const base = await gatewayLike(admin.url, Object.keys(routes));

    const outage = await fetch(`${base}/admin/erp-faults`, { method: 'POST', body: 'outage' });
    expect(outage.status).toBe(200);
    expect(await outage.json()).toMatchObject({ outage: true });
    expect(faults.current.outage).toBe(true);

    const bad = await fetch(`${base}/admin/erp-faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"errorRate":2}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('errorRate');

    await fetch(`${base}/admin/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advanceMs":3600000}' });
    expect(clock.now().toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(await (await fetch(`${base}/admin/clock`)).json()).toEqual({ now: '2026-12-01T01:00:00.000Z' });
  });

  it('answers 502 when the admin server is gone', async () => {
    admin = await serveAdminRoutes({}, silentLogger());
    const url = admin.url;
    await admin.close();
    admin = null;
    const base = await gatewayLike(url, ['/admin/erp-faults']);
    const answer = await fetch(`${base}/admin/erp-faults`);
    expect(answer.status).toBe(502);
  });
});
