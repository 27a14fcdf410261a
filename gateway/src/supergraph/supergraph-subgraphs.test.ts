// Reading subgraph names and URLs out of a supergraph, and overriding them by name.
import { describe, expect, it } from 'vitest';
import { resolveSubgraphUrls, subgraphsOfSupergraph } from './supergraph-subgraphs.js';

const SUPERGRAPH = /* GraphQL */ `
  directive @join__graph(name: String!, url: String!) on ENUM_VALUE
  enum join__Graph {
    PRODUCT @join__graph(name: "product", url: "http://localhost:4001/graphql")
    PRICING @join__graph(name: "pricing", url: "http://localhost:4002/graphql")
  }
`;

describe('subgraphsOfSupergraph', () => {
  it('lists each join__Graph value with its name and URL', () => {
    expect(subgraphsOfSupergraph(SUPERGRAPH)).toEqual([
      { name: 'product', url: 'http://localhost:4001/graphql' },
      { name: 'pricing', url: 'http://localhost:4002/graphql' },
    ]);
  });

  it('refuses a document that is not a supergraph', () => {
    expect(() => subgraphsOfSupergraph('type Query { a: Int }')).toThrow(/not a supergraph/);
  });
});

describe('resolveSubgraphUrls', () => {
  const subgraphs = subgraphsOfSupergraph(SUPERGRAPH);

  it('keeps the supergraph URL unless one is given for that name', () => {
    expect(resolveSubgraphUrls(subgraphs, { pricing: 'http://pricing:8080/graphql' })).toEqual({
      product: 'http://localhost:4001/graphql',
      pricing: 'http://pricing:8080/graphql',
    });
  });

  it('names an override that matches no subgraph', () => {
    expect(() => resolveSubgraphUrls(subgraphs, { prodcut: 'http://x/graphql' })).toThrow('no subgraph named "prodcut" in the supergraph (it has: product, pricing)');
  });
});
