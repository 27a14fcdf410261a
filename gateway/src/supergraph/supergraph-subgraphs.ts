// The subgraphs a supergraph names (join__Graph) and the URL each is called at once overrides are applied.
import { Kind, parse, type ConstValueNode } from 'graphql';

export interface SupergraphSubgraph {
  name: string;
  url: string;
}

export function subgraphsOfSupergraph(supergraphSdl: string): SupergraphSubgraph[] {
  const graphEnum = parse(supergraphSdl).definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph');
  if (!graphEnum || graphEnum.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error('not a supergraph: it has no join__Graph enum');
  return (graphEnum.values ?? []).map((value) => {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const arg = (name: string) => stringValue(directive?.arguments?.find((a) => a.name.value === name)?.value);
    return { name: arg('name') ?? value.name.value.toLowerCase(), url: arg('url') ?? '' };
  });
}

/** Applies per-name URL overrides; an override for a subgraph the supergraph does not have is a typo, so it throws. */
export function resolveSubgraphUrls(subgraphs: SupergraphSubgraph[], overrides: Record<string, string>): Record<string, string> {
  const known = new Set(subgraphs.map((s) => s.name));
  const unknown = Object.keys(overrides).filter((name) => !known.has(name));
  if (unknown.length) {
    throw new Error(`no subgraph named ${unknown.map((n) => `"${n}"`).join(', ')} in the supergraph (it has: ${[...known].join(', ')})`);
  }
  return Object.fromEntries(subgraphs.map((s) => [s.name, overrides[s.name] ?? s.url]));
}

function stringValue(node: ConstValueNode | undefined): string | undefined {
  return node?.kind === Kind.STRING ? node.value : undefined;
}
