// Free loopback ports for tests and benchmarks that start hub processes (the launcher numbers subgraph ports from a base).
import { createServer } from 'node:net';

/** `count` consecutive ports nobody listens on now, e.g. 5 for product, pricing, inventory, orders and supplier. */
export async function freePortRun(count: number): Promise<number> {
  for (;;) {
    // Below Linux's ephemeral range (32768-60999 by default): a port picked there could be handed out meanwhile
    // as the source port of some outgoing connection, and the process that was to listen on it fails with
    // EADDRINUSE (seen in CI: an inventory process started seconds after its port was picked).
    const base = 10_000 + Math.floor(Math.random() * 20_000);
    const free = await Promise.all(Array.from({ length: count }, (_, i) => isFree(base + i)));
    if (free.every(Boolean)) return base;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}
