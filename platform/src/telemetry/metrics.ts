// Prometheus metrics every service exposes on /metrics: requests, latency, errors, outbox backlog, ERP port health.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServiceMetrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'status'>;
  httpDuration: Histogram<'route'>;
  graphqlErrors: Counter<'code'>;
  outboxBacklog: Gauge;
  erpCalls: Counter<'port' | 'method' | 'outcome'>;
  erpDuration: Histogram<'port' | 'method'>;
  eventsConsumed: Counter<'consumer' | 'type' | 'outcome'>;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createServiceMetrics(service: string, options: { processMetrics?: boolean } = {}): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({ name: 'hub_http_requests_total', help: 'HTTP requests served', labelNames: ['route', 'status'], registers: [registry] }),
    httpDuration: new Histogram({ name: 'hub_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['route'], buckets: LATENCY_BUCKETS, registers: [registry] }),
    graphqlErrors: new Counter({ name: 'hub_graphql_errors_total', help: 'GraphQL errors returned, by code', labelNames: ['code'], registers: [registry] }),
    outboxBacklog: new Gauge({ name: 'hub_outbox_backlog', help: 'Events written to the outbox and not yet published', registers: [registry] }),
    erpCalls: new Counter({ name: 'hub_erp_calls_total', help: 'ERP port calls by outcome', labelNames: ['port', 'method', 'outcome'], registers: [registry] }),
    erpDuration: new Histogram({ name: 'hub_erp_call_duration_seconds', help: 'ERP port call latency', labelNames: ['port', 'method'], buckets: LATENCY_BUCKETS, registers: [registry] }),
    eventsConsumed: new Counter({ name: 'hub_events_consumed_total', help: 'Events handled by consumers', labelNames: ['consumer', 'type', 'outcome'], registers: [registry] }),
  };
}
