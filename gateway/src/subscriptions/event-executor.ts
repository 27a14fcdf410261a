// Finishes one event for one planned subscription: executeQueryPlan over [primary answered from the event, rest of the plan].
import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import { untraced, type Claims, type Logger } from '@retail-hub/platform';
import type { GatewayContext } from '../gateway-context.js';
import { copyJson } from './copy-json.js';
import type { PlannedSubscription, SubscriptionPlanner } from './subscription-planner.js';

export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

export interface EventExecutorOptions {
  planner: SubscriptionPlanner;
  planned: PlannedSubscription;
  /** The data sources queries use, batched (see BatchingDataSource). */
  dataSources: Readonly<Record<string, GraphQLDataSource<GatewayContext>>>;
  variables: Record<string, unknown>;
  /** The shared subscription's caller: signed and sent with every fetch of the rest. */
  claims: Claims;
  formatError: FormatError;
  logger: Logger;
}

/** What the primary fetch returned for one event, as the subgraph sent it. */
export interface UpstreamResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

export class EventExecutor {
  private readonly context: GatewayContext;

  constructor(private readonly options: EventExecutorOptions) {
    this.context = { claims: options.claims };
  }

  /** The client's result for one event, exactly in the shape its operation asked for; errors formatted for clients. */
  async execute(upstream: UpstreamResult): Promise<FormattedExecutionResult> {
    const { planner, planned, variables, logger } = this.options;
    // The event is the primary fetch's answer, served as if the owning subgraph had just sent it; the rest of the
    // plan (which may call that subgraph again, for entities) goes to the real data sources.
    const owner = planned.primary.serviceName;
    const real = this.options.dataSources[owner];
    // Each execution gets its own copy of the event: executeQueryPlan merges the other subgraphs' answers into the
    // objects it is given, and executions of other groups (another `$loc`) share the same event.
    const ownerSource: GraphQLDataSource<GatewayContext> = {
      process: async (request) =>
        request.request.query === planned.primary.operation ? { data: copyJson(upstream.data ?? null), errors: upstream.errors as GraphQLError[] | undefined } : real!.process(request),
    };
    const serviceMap: ServiceMap = { ...this.options.dataSources, [owner]: ownerSource };
    const requestContext = {
      request: { query: '', variables, operationName: planned.operation.name?.value },
      context: this.context,
      logger,
      metrics: {},
      cache: undefined,
      overallCachePolicy: undefined,
    } as unknown as GatewayGraphQLRequestContext<GatewayContext>;
    // Untraced: an execution per event and group (hundreds a second at 1,000 changes/s) would each start an
    // unconnected root trace here and in every subgraph it calls; recording them cost the gateway a few percent.
    const result = (await untraced(() => executeQueryPlan(planned.perEvent, serviceMap, requestContext, planned.operationContext, planner.supergraphSchema, planner.apiSchema))) as ExecutionResult;
    return this.format(result);
  }

  private format(result: ExecutionResult): FormattedExecutionResult {
    if (!result.errors?.length) return { data: result.data };
    return { data: result.data, errors: result.errors.map((error) => this.options.formatError(error.toJSON(), error)) };
  }
}
