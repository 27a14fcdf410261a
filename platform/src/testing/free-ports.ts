// Free loopback ports for tests and benchmarks that start hub processes (the launcher numbers subgraph ports from a base).
import { createServer } from 'node:net';

/** `count` consecutive ports nobody listens on now, e.g. 5 for product, pricing, inventory, orders and supplier. */
export async function freePortRun(count: number): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
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
