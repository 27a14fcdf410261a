// A route that hands the request to the same path on another server and sends its answer back as it came.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, type RouteHandler } from '@retail-hub/platform';

/** The admin routes answer at once; a thread that does not answer in this long is stuck. */
const FORWARD_TIMEOUT_MS = 10_000;

export function forwardRoute(targetOrigin: string): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req, 64 * 1024);
    try {
      const headers: Record<string, string> = { 'content-type': req.headers['content-type'] ?? 'text/plain' };
      if (typeof req.headers.traceparent === 'string') headers.traceparent = req.headers.traceparent;
      const answer = await fetch(`${targetOrigin}${req.url ?? '/'}`, { method: req.method, body, headers, signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
      const text = await answer.text();
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(text);
    } catch (error) {
      sendJson(res, 502, { error: `admin route unavailable: ${(error as Error).message}` });
    }
  };
}
