// The gateway's graphql-ws connections to subgraphs: one per subgraph and caller access, carrying that access as signed claims.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Claims } from '@retail-hub/platform';

interface Connection {
  client: Client;
  users: number;
}

export interface UpstreamConnectionsOptions {
  /** Subgraph HTTP URLs by name (the gateway's, overrides applied); the WebSocket is on the same URL. */
  subgraphUrls: Readonly<Record<string, string>>;
  /** The signed-claims headers subgraphs accept (sent in connection_init). */
  signClaims(claims: Claims): Record<string, string>;
  keepAliveMs: number;
}

export class UpstreamConnections {
  private readonly connections = new Map<string, Connection>();

  constructor(private readonly options: UpstreamConnectionsOptions) {}

  /** A client for this subgraph and access; release it when its last subscription is gone. */
  acquire(subgraph: string, accessKey: string, claims: Claims): Client {
    const key = `${subgraph}\n${accessKey}`;
    let connection = this.connections.get(key);
    if (!connection) {
      const url = this.options.subgraphUrls[subgraph];
      if (!url) throw new Error(`no URL for subgraph ${subgraph}`);
      const client = createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        // Signed on every (re)connect: a signature is only good for a minute.
        connectionParams: () => this.options.signClaims(claims),
        lazy: true,
        // Kept briefly after the last subscription, so a client that resubscribes at once reuses it.
        lazyCloseTimeout: 2_000,
        keepAlive: this.options.keepAliveMs,
        // UpstreamSubscription resubscribes itself, with a cursor; the client must not silently replay without one.
        retryAttempts: 0,
      });
      this.connections.set(key, (connection = { client, users: 0 }));
    }
    connection.users++;
    return connection.client;
  }

  release(subgraph: string, accessKey: string): void {
    const key = `${subgraph}\n${accessKey}`;
    const connection = this.connections.get(key);
    if (!connection || --connection.users > 0) return;
    this.connections.delete(key);
    // After the lazy close timeout the socket goes on its own; dispose makes sure nothing reconnects.
    setTimeout(() => void connection.client.dispose(), 2_500).unref();
  }

  async close(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map((c) => c.client.dispose()));
  }
}
