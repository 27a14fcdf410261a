// A real HTTP receiver for webhook tests and benchmarks: records every delivery, checks its signature, answers as told.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from './webhook-signature.js';

export interface ReceivedWebhook {
  path: string;
  id: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Set when the receiver knew the path's secret (see secretFor). */
  verified: boolean | null;
  at: number;
}

export interface WebhookTestReceiver {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** Deliveries answered 2xx. */
  received: ReceivedWebhook[];
  /** Every request, refused ones included. */
  all: ReceivedWebhook[];
  /** The status to answer a delivery with. @default 204 */
  respond: (delivery: ReceivedWebhook, attemptOfId: number) => number;
  /** The secret deliveries to a path are signed with, once known (after registration). */
  secrets: Map<string, string>;
  /** Resolves once `count` deliveries matching `predicate` have arrived. */
  waitFor(count: number, predicate?: (d: ReceivedWebhook) => boolean, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookTestReceiver> {
  const received: ReceivedWebhook[] = [];
  const all: ReceivedWebhook[] = [];
  const seen = new Map<string, number>();
  const waiters = new Set<() => void>();
  const receiver: WebhookTestReceiver = {
    baseUrl: '',
    received,
    all,
    respond: () => 204,
    secrets: new Map(),
    waitFor(count, predicate = () => true, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const matching = received.filter(predicate);
          if (matching.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(matching);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} webhook deliveries, got ${received.filter(predicate).length}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const secret = receiver.secrets.get(path);
      const id = String(req.headers['webhook-id'] ?? '');
      const delivery: ReceivedWebhook = { path, id, headers: req.headers, body, verified: secret ? verifyWebhook(secret, req.headers, body).ok : null, at: performance.now() };
      const attempt = (seen.get(id) ?? 0) + 1;
      seen.set(id, attempt);
      const status = receiver.respond(delivery, attempt);
      all.push(delivery);
      if (status >= 200 && status < 300) received.push(delivery);
      res.writeHead(status).end();
      if (status >= 200 && status < 300) for (const waiter of [...waiters]) waiter();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
