// A GraphClient that runs operations on a subgraph in this process: the embedded mode's transport for direct service-to-subgraph calls.
import { createHash } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { serviceClaims } from '../claims/claims.js';
import type { AnySubgraphInstance } from '../subgraph/subgraph-instance.js';
import { GraphRequestError, type GraphClient } from './graph-client.js';

/**
 * Calls `instance` with `service`'s credential exactly as its HTTP route would (same context,
 * same error masking), without a socket, a request body or a signature: in one process the
 * caller is known. A service in another process uses createGraphClient with the subgraph's URL.
 *
 * Operations go as automatic persisted queries: Apollo hashes the text of every operation it is sent, to find
 * its parsed document, and a caller's handful of operations (a placement makes three calls) are hashed here once
 * instead. The first call of an operation, or one the subgraph's cache has since dropped, sends the text along.
 */
export function createInProcessGraphClient(instance: AnySubgraphInstance, service: string): GraphClient {
  const claims = serviceClaims(service);
  const hashes = new Map<string, string>();
  const execute = (request: { query?: string; variables: Record<string, unknown>; extensions: { persistedQuery: { version: 1; sha256Hash: string } } }) =>
    instance.apollo.executeOperation(request, { contextValue: instance.createContext(claims) });
  return {
    inProcess: true,
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      // Known: this client has sent the text once, so the subgraph holds it unless its cache has dropped it since.
      const known = hashes.get(query);
      const sha256Hash = known ?? createHash('sha256').update(query).digest('hex');
      const extensions = { persistedQuery: { version: 1 as const, sha256Hash } };
      let response = await execute(known ? { variables, extensions } : { query, variables, extensions });
      if (known && isNotFound(response.body)) response = await execute({ query, variables, extensions });
      if (!known) hashes.set(query, sha256Hash);
      if (response.body.kind !== 'single') throw new GraphRequestError(`${instance.name} answered with a stream`, [{ message: 'unexpected incremental response' }]);
      const { data, errors } = response.body.singleResult as { data?: T | null; errors?: readonly GraphQLFormattedError[] };
      if (errors?.length) throw new GraphRequestError(errors.map((e) => e.message).join('; '), errors.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })), data);
      if (data === undefined || data === null) throw new GraphRequestError(`${instance.name} answered without data`, [{ message: 'no data' }]);
      return data;
    },
  };
}

/** The subgraph no longer holds the operation's text (its cache is bounded): the caller sends it again. */
function isNotFound(body: { kind: string; singleResult?: { errors?: readonly GraphQLFormattedError[] } }): boolean {
  return body.kind === 'single' && body.singleResult?.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND';
}
