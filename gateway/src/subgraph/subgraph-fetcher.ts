// The HTTP client for subgraph calls: pooled keep-alive connections per subgraph, and a deadline on every call.
import { Agent, fetch } from 'undici';
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

export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveMs,
    keepAliveMaxTimeout: options.keepAliveMs,
    connections: options.connectionsPerOrigin,
  });
  const fetcher: Fetcher = async (url, init = {}) => {
    // undici keeps applying the signal while the body streams, so a subgraph that stalls mid-body times out too.
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal as AbortSignal, deadline]) : deadline;
    const response = await fetch(url, { method: init.method, headers: init.headers, body: init.body, signal, dispatcher: agent });
    return response as unknown as Awaited<ReturnType<Fetcher>>;
  };
  return { fetch: fetcher, close: () => agent.close() };
}
