// Subscription metrics on the gateway's /metrics: connections, client and upstream subscriptions, what happened to events.
import { Counter, Gauge, type Registry } from 'prom-client';

export interface SubscriptionMetrics {
  connections: Gauge;
  subscriptions: Gauge;
  upstreams: Gauge<'subgraph'>;
  /** Results handed to client queues, and events merged into a later one (slow client or busy group) or dropped as repeats. */
  events: Counter<'outcome'>;
  resubscribes: Counter<'subgraph'>;
  closed: Counter<'reason'>;
}

export function createSubscriptionMetrics(registry: Registry): SubscriptionMetrics {
  const existing = <T>(name: string) => registry.getSingleMetric(name) as T | undefined;
  return {
    connections: existing('hub_gateway_subscription_connections') ?? new Gauge({ name: 'hub_gateway_subscription_connections', help: 'Open client graphql-ws connections', registers: [registry] }),
    subscriptions: existing('hub_gateway_subscriptions_active') ?? new Gauge({ name: 'hub_gateway_subscriptions_active', help: 'Open client subscriptions', registers: [registry] }),
    upstreams:
      existing('hub_gateway_subscription_upstreams') ??
      new Gauge({ name: 'hub_gateway_subscription_upstreams', help: 'Subscriptions the gateway holds open on subgraphs (shared by clients)', labelNames: ['subgraph'], registers: [registry] }),
    events:
      existing('hub_gateway_subscription_events_total') ??
      new Counter({ name: 'hub_gateway_subscription_events_total', help: 'Subscription results by outcome: delivered to a client queue, coalesced, duplicate', labelNames: ['outcome'], registers: [registry] }),
    resubscribes:
      existing('hub_gateway_subscription_resubscribes_total') ??
      new Counter({ name: 'hub_gateway_subscription_resubscribes_total', help: 'Subscriptions sent again to a subgraph after its connection was lost', labelNames: ['subgraph'], registers: [registry] }),
    closed:
      existing('hub_gateway_subscription_connections_closed_total') ??
      new Counter({ name: 'hub_gateway_subscription_connections_closed_total', help: 'Client connections the gateway closed, by reason', labelNames: ['reason'], registers: [registry] }),
  };
}
