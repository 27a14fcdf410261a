// Per-subgraph call metrics on the gateway's /metrics: how often each subgraph is called, how it ends, how long it takes.
import { Counter, Histogram, type Registry } from 'prom-client';

export type SubgraphOutcome = 'ok' | 'timeout' | 'unavailable' | 'error';

export interface SubgraphMetrics {
  calls: Counter<'subgraph' | 'outcome'>;
  duration: Histogram<'subgraph'>;
}

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createSubgraphMetrics(registry: Registry): SubgraphMetrics {
  return {
    calls: new Counter({ name: 'hub_gateway_subgraph_calls_total', help: 'Gateway calls to subgraphs by outcome', labelNames: ['subgraph', 'outcome'], registers: [registry] }),
    duration: new Histogram({ name: 'hub_gateway_subgraph_call_duration_seconds', help: 'Gateway call latency per subgraph', labelNames: ['subgraph'], buckets: BUCKETS, registers: [registry] }),
  };
}
