// The five subgraphs the hub composes, in composition order, with the URL each listens on by default.
export interface SubgraphSource {
  /** The subgraph's name in the supergraph and its directory under `subgraphs/`. */
  name: string;
  /** Written into the supergraph; the gateway can override it per subgraph at start. */
  url: string;
}

export const HUB_SUBGRAPHS: readonly SubgraphSource[] = [
  { name: 'product', url: 'http://localhost:4001/graphql' },
  { name: 'pricing', url: 'http://localhost:4002/graphql' },
  { name: 'inventory', url: 'http://localhost:4003/graphql' },
  { name: 'orders', url: 'http://localhost:4004/graphql' },
  { name: 'supplier', url: 'http://localhost:4005/graphql' },
];
