// How a hub service calls the graph with its service credential (signed service claims), e.g. orders -> priceCart.
import { serviceClaims, type Claims } from '../claims/claims.js';
import { signClaims } from '../claims/signed-claims.js';
import { injectTraceHeaders } from '../telemetry/tracing.js';

export interface GraphClientOptions {
  /** The gateway's /graphql URL (or a subgraph's); a function when it is known only after start-up. */
  url: string | (() => string);
  /** The calling service, e.g. `orders`. */
  service: string;
  /** The secret shared with the gateway and the subgraphs. */
  secret: string;
  /** @default 5000 */
  timeoutMs?: number;
}

export interface GraphErrorBody {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/** The graph answered with errors (or not at all); `errors` holds what it said. */
export class GraphRequestError extends Error {
  constructor(message: string, readonly errors: GraphErrorBody[], readonly data?: unknown) {
    super(message);
    this.name = 'GraphRequestError';
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code as string | undefined;
  }
}

export interface GraphClient {
  /** Runs an operation; resolves with `data`, rejects with GraphRequestError when any error came back. */
  request<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** True when the operation runs on this thread (no socket, nothing to wait for but the work itself). */
  readonly inProcess?: boolean;
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const claims: Claims = serviceClaims(options.service);
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const url = typeof options.url === 'function' ? options.url() : options.url;
      const headers = injectTraceHeaders({ 'content-type': 'application/json', ...signClaims(claims, options.secret) });
      let response: Response;
      try {
        response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
      } catch (error) {
        throw new GraphRequestError(`graph unreachable: ${(error as Error).message}`, [{ message: (error as Error).message, extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }]);
      }
      const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: GraphErrorBody[] };
      if (body.errors?.length) throw new GraphRequestError(body.errors.map((e) => e.message).join('; '), body.errors, body.data);
      if (!response.ok || body.data === undefined) throw new GraphRequestError(`graph answered HTTP ${response.status}`, [{ message: `HTTP ${response.status}` }]);
      return body.data;
    },
  };
}
