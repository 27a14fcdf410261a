// Where the gateway finds its committed supergraph and the subgraphs' SDL when nobody says otherwise.
import { fileURLToPath } from 'node:url';

/** `gateway/supergraph.graphql`, composed by `npm run compose` and committed. */
export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

/** `subgraphs/`, each holding `<name>/schema/*.graphql`. */
export const DEFAULT_SUBGRAPHS_DIR = fileURLToPath(new URL('../../subgraphs/', import.meta.url));
