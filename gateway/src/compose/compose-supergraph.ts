// Composes subgraph SDL into the supergraph file's exact text: same input, byte-identical output.
import { composeServices } from '@apollo/composition';
import type { GraphQLError } from 'graphql';

/** One subgraph's composition input: name, URL and SDL document. */
export type ServiceDefinition = Parameters<typeof composeServices>[0][number];

export const SUPERGRAPH_HEADER =
  '# Composed by `npm run compose` from subgraphs/*/schema/*.graphql. Do not edit: `npm run compose:check` fails when it is stale.\n';

export type ComposeResult = { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

export function composeSupergraph(definitions: ServiceDefinition[]): ComposeResult {
  const result = composeServices(definitions);
  const hints = (result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`);
  if (result.errors) return { ok: false, errors: result.errors.map(describeError) };
  // One trailing newline, so editors and `git diff` leave the committed file alone.
  return { ok: true, supergraphSdl: `${SUPERGRAPH_HEADER}${result.supergraphSdl.trimEnd()}\n`, hints };
}

// Composition errors carry the subgraph nodes they are about; their locations name the SDL file.
function describeError(error: GraphQLError): string {
  const code = typeof error.extensions?.code === 'string' ? `[${error.extensions.code}] ` : '';
  const where = (error.nodes ?? [])
    .map((node) => node.loc && `${node.loc.source.name}:${node.loc.startToken.line}:${node.loc.startToken.column}`)
    .filter(Boolean);
  return `${code}${error.message}${where.length ? `\n    at ${[...new Set(where)].join('\n    at ')}` : ''}`;
}
