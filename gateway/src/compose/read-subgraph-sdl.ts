// Reads each subgraph's SDL (schema/*.graphql, sorted, as one document) into composition input.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLError, Kind, Source, parse, type DocumentNode } from 'graphql';
import type { ServiceDefinition } from './compose-supergraph.js';
import { displayPath } from './display-path.js';
import type { SubgraphSource } from './hub-subgraphs.js';

/** Missing or unparsable SDL: the message says which subgraph and file. */
export class SubgraphSdlError extends Error {}

export function readSubgraphDefinitions(subgraphsDir: string, subgraphs: readonly SubgraphSource[]): ServiceDefinition[] {
  return subgraphs.map(({ name, url }) => ({ name, url, typeDefs: readSchemaDir(join(subgraphsDir, name, 'schema'), name) }));
}

// Same result as platform's loadSchemaDir (sorted files, one document), but each file is parsed as its own
// Source so syntax and composition errors point at the real file and line, not at the concatenation.
function readSchemaDir(dir: string, subgraph: string): DocumentNode {
  const shown = displayPath(dir);
  if (!existsSync(dir)) throw new SubgraphSdlError(`subgraph "${subgraph}": no schema directory at ${shown}`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort();
  if (files.length === 0) throw new SubgraphSdlError(`subgraph "${subgraph}": no .graphql files in ${shown}`);
  const documents = files.map((file) => {
    const path = join(dir, file);
    try {
      return parse(new Source(readFileSync(path, 'utf8'), displayPath(path)));
    } catch (error) {
      if (error instanceof GraphQLError) throw new SubgraphSdlError(`subgraph "${subgraph}": ${error.toString()}`);
      throw error;
    }
  });
  return { kind: Kind.DOCUMENT, definitions: documents.flatMap((d) => d.definitions) };
}
