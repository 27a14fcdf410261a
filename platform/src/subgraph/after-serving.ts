// Starts a service's background loading once the launcher is serving, unless the service was stopped first.
import type { SubgraphDeps } from './subgraph-deps.js';

export function afterServing(deps: Pick<SubgraphDeps, 'serving'>, stopped: () => boolean, start: () => void): void {
  void (deps.serving ?? Promise.resolve()).then(() => {
    if (!stopped()) start();
  });
}
