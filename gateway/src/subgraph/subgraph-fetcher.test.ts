import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectFailure, isTimeout } from '../errors/subgraph-errors.js';
import { createSubgraphFetcher } from './subgraph-fetcher.js';

describe('the subgraph fetcher', () => {
  let server: Server;
  let url: string;
  const fetcher = createSubgraphFetcher({ timeoutMs: 300, keepAliveMs: 5_000, connectionsPerOrigin: 1 });

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/stall-body') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.write('{"data":');
      }
      if (req.url === '/bad-gateway') {
        res.writeHead(502, { 'content-type': 'text/plain' });
        return void res.end('upstream down');
      }
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=5' });
        res.end(JSON.stringify({ data: { echo: body, method: req.method, auth: req.headers.authorization ?? null } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await fetcher.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends method, headers and body, and answers like fetch', async () => {
    const response = await fetcher.fetch(`${url}/graphql?x=1`, { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: '{"query":"{a}"}' });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${url}/graphql?x=1`);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('max-age=5');
    expect(response.headers.get('x-missing')).toBeNull();
    expect(await response.json()).toEqual({ data: { echo: '{"query":"{a}"}', method: 'POST', auth: 'Bearer k' } });
  });

  it('a non-2xx answer left unread does not hold the only pooled connection', async () => {
    const failed = await fetcher.fetch(`${url}/bad-gateway`, { method: 'POST', body: '{}' });
    expect([failed.ok, failed.status, failed.statusText]).toEqual([false, 502, 'Bad Gateway']);
    const next = await fetcher.fetch(`${url}/graphql`, { method: 'POST', body: 'after' });
    expect(((await next.json()) as { data: { echo: string } }).data.echo).toBe('after');
  });

  it('a body that stalls after the headers rejects with TimeoutError at the deadline', async () => {
    const error = await fetcher.fetch(`${url}/stall-body`, { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    expect(isTimeout(error)).toBe(true);
  });

  it('a refused connection is a connect failure, not a timeout', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await fetcher.fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    expect(isConnectFailure(error)).toBe(true);
    expect(isTimeout(error)).toBe(false);
  });
});
