// Development-only admin route: read or move the hub's clock (promotion go-live, reservation expiry, demos, tests).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, type ControllableClock } from '@retail-hub/platform';

/** GET returns now. POST { "set": "2026-12-05T00:00:00Z" } or { "advanceMs": 3600000 } moves it. */
export function clockRoute(clock: ControllableClock) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST') {
      let body: { set?: unknown; advanceMs?: unknown };
      try {
        body = JSON.parse(await readBody(req, 4096));
      } catch {
        return sendJson(res, 400, { error: 'body: expected JSON { "set": ISO-8601 } or { "advanceMs": number }' });
      }
      if (typeof body.set === 'string' && !Number.isNaN(Date.parse(body.set))) clock.set(new Date(body.set));
      else if (typeof body.advanceMs === 'number' && Number.isFinite(body.advanceMs)) clock.advance(body.advanceMs);
      else return sendJson(res, 400, { error: 'set: expected an ISO-8601 instant, or advanceMs: a number of ms' });
    } else if (req.method !== 'GET') {
      return sendJson(res, 405, { error: 'use GET or POST' });
    }
    return sendJson(res, 200, { now: clock.now().toISOString() });
  };
}
