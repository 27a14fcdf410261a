// Authenticates graphql-ws connections with the gateway's own authenticate seam, and checks their API keys again while they stay open.
import type { IncomingMessage } from 'node:http';

/**
 * Browsers cannot set headers on a WebSocket upgrade, so clients send the key in connection_init's payload
 * (`{ authorization: 'Bearer <key>' }`). The gateway's authenticate reads requests: this one is the upgrade
 * request (address, other headers) with the credential headers from the payload laid over it.
 */
export function connectionRequest(upgrade: IncomingMessage, params: Readonly<Record<string, unknown>> | undefined): IncomingMessage {
  const headers = { ...upgrade.headers };
  const header = (name: string) => {
    const value = params?.[name] ?? params?.[name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())];
    if (typeof value === 'string') headers[name] = value;
  };
  for (const name of ['authorization', 'x-hub-claims', 'x-hub-claims-signature']) header(name);
  return Object.create(upgrade, { headers: { value: headers, enumerable: true } }) as IncomingMessage;
}

/** The credential to check again later: an API key can be revoked or expire while its connection is open. */
export function keyCredentialOf(request: IncomingMessage): string | null {
  const value = request.headers.authorization;
  return typeof value === 'string' && value.trim() ? value : null;
}

interface Watched {
  request: IncomingMessage;
  connections: Set<RevocableConnection>;
}

export interface RevocableConnection {
  revoke(message: string): void;
}

/**
 * Every `intervalMs`, each distinct key behind open connections is authenticated again (once, however many
 * connections use it); when that fails, all of them are closed with 4403 and the reason.
 */
export class CredentialWatch {
  private readonly watched = new Map<string, Watched>();
  private readonly timer: NodeJS.Timeout;
  private sweeping = false;

  constructor(private readonly authenticate: (request: IncomingMessage) => Promise<unknown>, intervalMs: number) {
    this.timer = setInterval(() => void this.sweep(), intervalMs);
    this.timer.unref();
  }

  watch(credential: string, request: IncomingMessage, connection: RevocableConnection): () => void {
    let entry = this.watched.get(credential);
    if (!entry) this.watched.set(credential, (entry = { request, connections: new Set() }));
    entry.connections.add(connection);
    const watchedEntry = entry;
    return () => {
      watchedEntry.connections.delete(connection);
      if (watchedEntry.connections.size === 0 && this.watched.get(credential) === watchedEntry) this.watched.delete(credential);
    };
  }

  stop(): void {
    clearInterval(this.timer);
    this.watched.clear();
  }

  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const [credential, entry] of [...this.watched]) {
        // Only a refusal revokes: a key store that cannot answer for a moment must not drop every dashboard.
        const message = await this.authenticate(entry.request).then(
          () => null,
          (error: unknown) => (isRefusal(error) ? (error as Error).message : null),
        );
        if (message === null) continue;
        this.watched.delete(credential);
        for (const connection of entry.connections) connection.revoke(message);
      }
    } finally {
      this.sweeping = false;
    }
  }
}

function isRefusal(error: unknown): boolean {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return code === 'UNAUTHENTICATED' || code === 'FORBIDDEN';
}
