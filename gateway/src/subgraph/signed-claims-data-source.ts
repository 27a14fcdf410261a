// Calls one subgraph for the gateway: signs the caller's claims, passes the trace on, codes transport failures.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { ANONYMOUS, injectTraceHeaders, serviceClaims, signClaims } from '@retail-hub/platform';
import type { GatewayContext } from '../gateway-context.js';
import { isConnectFailure, isTimeout, subgraphTimeout, subgraphUnavailable } from '../errors/subgraph-errors.js';
import type { Fetcher } from './subgraph-fetcher.js';
import type { SubgraphMetrics, SubgraphOutcome } from './subgraph-metrics.js';

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;

export interface SignedClaimsDataSourceOptions {
  name: string;
  url: string;
  claimsSecret: string;
  fetcher: Fetcher;
  /** Only for the message of a SUBGRAPH_TIMEOUT error; the fetcher enforces it. */
  timeoutMs: number;
  metrics: SubgraphMetrics;
}

export class SignedClaimsDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;
  private readonly claimsSecret: string;
  private readonly timeoutMs: number;
  private readonly metrics: SubgraphMetrics;

  constructor(options: SignedClaimsDataSourceOptions) {
    super({ url: options.url, fetcher: options.fetcher });
    this.subgraph = options.name;
    this.claimsSecret = options.claimsSecret;
    this.timeoutMs = options.timeoutMs;
    this.metrics = options.metrics;
  }

  override async process(options: ProcessOptions) {
    const stopTimer = this.metrics.duration.startTimer({ subgraph: this.subgraph });
    let outcome: SubgraphOutcome = 'error';
    try {
      const response = await super.process(options);
      outcome = 'ok';
      return response;
    } catch (error) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      if (code === 'SUBGRAPH_TIMEOUT') outcome = 'timeout';
      else if (code === 'SUBGRAPH_UNAVAILABLE') outcome = 'unavailable';
      throw error;
    } finally {
      stopTimer();
      this.metrics.calls.inc({ subgraph: this.subgraph, outcome });
    }
  }

  override willSendRequest(options: ProcessOptions): void {
    // Planned operations carry the caller's claims; the gateway's own calls (health checks) are a service.
    // A request context without claims is a wiring bug: fail closed with no scopes at all.
    const claims = 'incomingRequestContext' in options ? (options.context.claims ?? ANONYMOUS) : serviceClaims('gateway');
    const headers = { ...signClaims(claims, this.claimsSecret), ...injectTraceHeaders({}) };
    for (const [name, value] of Object.entries(headers)) options.request.http!.headers.set(name, value);
  }

  // A non-2xx answer is never the client's doing (a 401 means the gateway's claims secret does not match the
  // subgraph's), so apart from an overloaded subgraph it is masked for the client and logged with its body.
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    if ([502, 503, 504].includes(response.status)) return subgraphUnavailable(this.subgraph);
    const body = await this.parseBody(response).catch(() => undefined);
    return new GraphQLError(`The ${this.subgraph} subgraph answered HTTP ${response.status}`, {
      extensions: { code: 'SUBGRAPH_HTTP_ERROR', serviceName: this.subgraph, status: response.status, body },
    });
  }

  override didEncounterError(error: Error): void {
    if (isTimeout(error)) throw subgraphTimeout(this.subgraph, this.timeoutMs);
    if (isConnectFailure(error)) throw subgraphUnavailable(this.subgraph);
    throw error;
  }
}
