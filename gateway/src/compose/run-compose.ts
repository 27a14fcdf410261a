// Composes the subgraphs and either writes the supergraph file or checks that the committed one is current.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_SUBGRAPHS_DIR, DEFAULT_SUPERGRAPH_PATH } from '../default-paths.js';
import { composeSupergraph } from './compose-supergraph.js';
import { displayPath } from './display-path.js';
import { HUB_SUBGRAPHS, type SubgraphSource } from './hub-subgraphs.js';
import { SubgraphSdlError, readSubgraphDefinitions } from './read-subgraph-sdl.js';

export interface RunComposeOptions {
  /** Holds `<name>/schema/*.graphql` per subgraph. @default the repository's `subgraphs/` */
  subgraphsDir?: string;
  /** @default HUB_SUBGRAPHS (the five hub subgraphs) */
  subgraphs?: readonly SubgraphSource[];
  /** @default gateway/supergraph.graphql */
  out?: string;
  /** Compare with `out` instead of writing it. @default false */
  check?: boolean;
}

export interface ComposeOutcome {
  exitCode: 0 | 1;
  /** What to tell the person running it, one line per entry. */
  messages: string[];
}

export function runCompose(options: RunComposeOptions = {}): ComposeOutcome {
  const out = options.out ?? DEFAULT_SUPERGRAPH_PATH;
  const shownOut = displayPath(out);
  let definitions;
  try {
    definitions = readSubgraphDefinitions(options.subgraphsDir ?? DEFAULT_SUBGRAPHS_DIR, options.subgraphs ?? HUB_SUBGRAPHS);
  } catch (error) {
    if (error instanceof SubgraphSdlError) return { exitCode: 1, messages: [`compose failed: ${error.message}`] };
    throw error;
  }
  const result = composeSupergraph(definitions);
  if (!result.ok) {
    return { exitCode: 1, messages: [`composition failed with ${result.errors.length} error(s):`, ...result.errors.map((e) => `  ${e}`)] };
  }
  const hints = result.hints.map((h) => `hint: ${h}`);
  if (options.check) {
    const committed = existsSync(out) ? readFileSync(out, 'utf8') : null;
    if (committed === null) return { exitCode: 1, messages: [`${shownOut} is missing: run \`npm run compose\` and commit it`] };
    if (committed !== result.supergraphSdl) {
      return { exitCode: 1, messages: [`${shownOut} is stale: it differs from a fresh composition; run \`npm run compose\` and commit it`] };
    }
    return { exitCode: 0, messages: [`${shownOut} is up to date`] };
  }
  writeFileSync(out, result.supergraphSdl);
  return { exitCode: 0, messages: [...hints, `wrote ${shownOut} (${definitions.length} subgraphs)`] };
}
