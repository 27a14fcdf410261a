// The HTTP client for subgraph calls: pooled keep-alive connections per subgraph, and a deadline on every call.
import { STATUS_CODES } from 'node:http';
import { Agent } from 'undici';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

export type Fetcher = RemoteGraphQLDataSource['fetcher'];

export interface SubgraphFetcherOptions {
  /** The whole call, body included, must finish within this; then it rejects with a `TimeoutError`. */
  timeoutMs: number;
  /** How long an idle pooled connection stays open. */
  keepAliveMs: number;
  /** The most open connections to one subgraph; further calls queue for a free one. */
  connectionsPerOrigin: number;
}

export interface SubgraphFetcher {
  fetch: Fetcher;
  /** Closes the pooled connections (on gateway stop). */
  close(): Promise<void>;
}

/**
 * A fetch for RemoteGraphQLDataSource on undici's `request`, not its WHATWG `fetch`: every per-event subscription
 * fetch and every query's subgraph call goes through here, and fetch's Request/Response/web-stream machinery cost
 * several times the call itself in the gateway's profile. It keeps fetch's contract where the data source relies
 * on it: a deadline rejects with the signal's `TimeoutError`; a transport failure is `TypeError('fetch failed')`
 * with the cause (see isConnectFailure); the answer has ok, status, statusText, url, headers.get, json() and text().
 * Unlike fetch it follows no redirect (a subgraph URL that redirects is misconfigured, and the signed claims must
 * not go to another origin) and asks for no compression (subgraphs are on the same network; JSON goes plain).
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  // A gateway calls a handful of fixed subgraph URLs: each is parsed once, not on every call.
  const targets = new Map<string, { origin: string; path: string }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      targets.set(url, (target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` }));
    }
    return target;
  };
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveMs,
    keepAliveMaxTimeout: options.keepAliveMs,
    connections: options.connectionsPerOrigin,
  });
  const fetcher = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal } = {}) => {
    // undici keeps applying the signal while the body streams, so a subgraph that stalls mid-body times out too.
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const target = targetOf(url);
      const response = await agent.request({ origin: target.origin, path: target.path, method: (init.method ?? 'GET') as 'POST', headers: init.headers, body: init.body, signal });
      status = response.statusCode;
      headers = response.headers;
      // Read whole here, whatever the caller reads: an unread body would hold its pooled connection.
      text = await response.body.text();
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new TypeError('fetch failed', { cause: error });
    }
    return new SubgraphResponse(url, status, headers, text);
  };
  return { fetch: fetcher as unknown as Fetcher, close: () => agent.close() };
}

/** The parts of a fetch Response the data source reads, over a body already read. */
class SubgraphResponse {
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };

  constructor(
    readonly url: string,
    readonly status: number,
    raw: Record<string, string | string[] | undefined>,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = STATUS_CODES[status] ?? '';
    this.headers = {
      get: (name) => {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}
