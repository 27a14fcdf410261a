// A GraphClient that runs operations on a subgraph in this process: the embedded mode's transport for direct service-to-subgraph calls.
import type { GraphQLFormattedError } from 'graphql';
import { serviceClaims } from '../claims/claims.js';
import type { AnySubgraphInstance } from '../subgraph/subgraph-instance.js';
import { GraphRequestError, type GraphClient } from './graph-client.js';

/**
 * Calls `instance` with `service`'s credential exactly as its HTTP route would (same context,
 * same error masking), without a socket, a request body or a signature: in one process the
 * caller is known. A service in another process uses createGraphClient with the subgraph's URL.
 */
export function createInProcessGraphClient(instance: AnySubgraphInstance, service: string): GraphClient {
  const claims = serviceClaims(service);
  return {
    inProcess: true,
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const response = await instance.apollo.executeOperation({ query, variables }, { contextValue: instance.createContext(claims) });
      if (response.body.kind !== 'single') throw new GraphRequestError(`${instance.name} answered with a stream`, [{ message: 'unexpected incremental response' }]);
      const { data, errors } = response.body.singleResult as { data?: T | null; errors?: readonly GraphQLFormattedError[] };
      if (errors?.length) throw new GraphRequestError(errors.map((e) => e.message).join('; '), errors.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })), data);
      if (data === undefined || data === null) throw new GraphRequestError(`${instance.name} answered without data`, [{ message: 'no data' }]);
      return data;
    },
  };
}
