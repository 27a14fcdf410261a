// A fleet of dashboard subscribers in its own process (the benchmark's clients): one graphql-ws connection each, recording what arrives and when.
// Driven over IPC by bench/subscriptions.bench.ts.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface FleetSubscriber {
  query: string;
  variables: Record<string, unknown>;
}

export type FleetCommand =
  | { type: 'start'; wsUrl: string; key: string; subscribers: FleetSubscriber[]; slow: FleetSubscriber | null }
  | { type: 'resume-slow' }
  | { type: 'stop' };

export type FleetReport =
  | { type: 'ready' }
  | { type: 'records'; subscriber: number; keys: string[]; times: number[]; errors: number }
  | { type: 'done'; closes: number };

/** Wall time in ms with sub-ms resolution, comparable between processes on one machine. */
const now = () => performance.timeOrigin + performance.now();

interface Seen {
  keys: string[];
  times: number[];
  errors: number;
}

const send = (report: FleetReport) => new Promise<void>((resolve) => process.send!(report, () => resolve()));
const clients: Client[] = [];
const seen: Seen[] = [];
let slowSocket: WebSocket | null = null;
let closes = 0;

function subscribe(index: number, wsUrl: string, key: string, subscriber: FleetSubscriber, onSocket?: (socket: WebSocket) => void): Promise<void> {
  const record: Seen = { keys: [], times: [], errors: 0 };
  seen[index] = record;
  return new Promise((resolve) => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${key}` },
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      on: {
        connected: (socket) => {
          onSocket?.(socket as WebSocket);
          resolve();
        },
        closed: () => void closes++,
      },
    });
    clients.push(client);
    client.subscribe(subscriber, {
      next: (result) => {
        const t = now();
        // Parsed as any client would; the key says which change this is (every change has its own on-hand).
        const change = (result.data as { stockChanged?: { sku: string; location: { id: string }; onHand: number } } | undefined)?.stockChanged;
        if (result.errors || !change) return void record.errors++;
        record.keys.push(`${change.sku}@${change.location.id}#${change.onHand}`);
        record.times.push(t);
      },
      error: () => void record.errors++,
      complete: () => undefined,
    });
  });
}

process.on('message', async (command: FleetCommand) => {
  if (command.type === 'start') {
    const { wsUrl, key, subscribers, slow } = command;
    // Connected in waves, as dashboards come up: a thousand handshakes at once would only measure the handshakes.
    for (let i = 0; i < subscribers.length; i += 50) {
      await Promise.all(subscribers.slice(i, i + 50).map((s, j) => subscribe(i + j, wsUrl, key, s)));
    }
    if (slow) {
      await subscribe(subscribers.length, wsUrl, key, slow, (socket) => (slowSocket = socket));
      // Stops reading: the socket's buffers fill, then the gateway holds (and coalesces) what waits for it.
      (slowSocket as unknown as { _socket: { pause(): void } } | null)?._socket.pause();
    }
    await send({ type: 'ready' });
  } else if (command.type === 'resume-slow') {
    (slowSocket as unknown as { _socket: { resume(): void } } | null)?._socket.resume();
  } else if (command.type === 'stop') {
    // Closed by the server during the run (nothing should be: the slow client is coalesced, not dropped).
    const closedDuringRun = closes;
    for (const [subscriber, record] of seen.entries()) await send({ type: 'records', subscriber, ...record });
    await Promise.all(clients.map((c) => c.dispose()));
    await send({ type: 'done', closes: closedDuringRun });
    process.exit(0);
  }
});
