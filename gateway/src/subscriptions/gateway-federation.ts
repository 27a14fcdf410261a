// What subscriptions need from the gateway's federation machinery, beside what every request needs (createContext).
import type { ApolloGateway, GraphQLDataSource } from '@apollo/gateway';
import type { Claims } from '@retail-hub/platform';
import type { GatewayContext } from '../gateway-context.js';

export interface GatewayFederation {
  /** Followed for supergraph loads and reloads (onSchemaLoadOrUpdate). */
  gateway: ApolloGateway;
  /** The data source queries use for a subgraph (signed claims, pooled connections, metrics). */
  dataSource(name: string): GraphQLDataSource<GatewayContext> | undefined;
  /** The signed-claims headers a subgraph accepts, for the gateway's own graphql-ws connections. */
  signClaims(claims: Claims): Record<string, string>;
}
