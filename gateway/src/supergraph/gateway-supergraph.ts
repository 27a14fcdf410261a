// The supergraph as @apollo/gateway is given it: the security features it cannot enforce are handed to the gateway's plugins instead.
import { Kind, parse, print, visit, type ConstArgumentNode } from 'graphql';

/**
 * @apollo/gateway refuses a supergraph that links a `for: SECURITY` feature it does not implement
 * (@authenticated, @requiresScopes: only Apollo's router enforces them). The hub enforces them itself
 * (authorization.plugin.ts reads them from the original supergraph), so the gateway gets the same links
 * without the purpose: to it they are plain metadata, and the directives stay in place.
 */
export function supergraphForGateway(supergraphSdl: string): string {
  let changed = false;
  const document = visit(parse(supergraphSdl), {
    Directive(node) {
      if (node.name.value !== 'link') return undefined;
      const args = (node.arguments ?? []) as ConstArgumentNode[];
      const kept = args.filter((a) => !(a.name.value === 'for' && a.value.kind === Kind.ENUM && a.value.value === 'SECURITY'));
      if (kept.length === args.length) return undefined;
      changed = true;
      return { ...node, arguments: kept };
    },
  });
  return changed ? print(document) : supergraphSdl;
}
