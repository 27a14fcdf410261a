// Plans client subscriptions with the gateway's own query planner over the loaded supergraph: primary fetch and the rest.
import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { buildOperationContext } from '@apollo/gateway';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { GraphQLError, getOperationAST, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

type OperationContext = ReturnType<typeof buildOperationContext>;

/** One client operation, planned: what to subscribe to upstream and how to finish each event. */
export interface PlannedSubscription {
  operation: OperationDefinitionNode;
  operationContext: OperationContext;
  /** The fetch to the subgraph that owns the subscription field: run as a graphql-ws subscription there. */
  primary: FetchNode;
  /** The primary (the executor answers it from the event), then the rest of the plan. */
  perEvent: QueryPlan;
}

const PLAN_CACHE_SIZE = 1_000;

export class SubscriptionPlanner {
  /** The public (API) schema clients validate against. */
  readonly schema: GraphQLSchema;
  /** The supergraph as graphql-js, which executeQueryPlan needs beside the API schema. */
  readonly supergraphSchema: GraphQLSchema;
  readonly apiSchema: Schema;
  readonly subgraphNames: readonly string[];
  private readonly planner: QueryPlanner;
  private readonly plans = new Map<string, PlannedSubscription>();

  constructor(readonly supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = supergraph.apiSchema();
    this.schema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
    this.subgraphNames = supergraph.subgraphsMetadata().map((s) => s.name);
  }

  /** Validates the operation: a single subscription the API schema accepts. Throws a coded GraphQLError to refuse it. */
  operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode {
    const [invalid] = validate(this.schema, document);
    if (invalid) throw new GraphQLError(invalid.message, { nodes: invalid.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const operation = getOperationAST(document, operationName);
    if (!operation) throw new GraphQLError('Name the operation to run (operationName)', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
    if (operation.operation !== 'subscription') {
      throw new GraphQLError('Only subscriptions run over WebSocket; send queries and mutations to /graphql over HTTP', { extensions: { code: 'BAD_REQUEST' } });
    }
    return operation;
  }

  /** Plans (once per distinct document and operation name) what validated `operationOf` accepted. */
  plan(cacheKey: string, document: DocumentNode, operation: OperationDefinitionNode): PlannedSubscription {
    const cached = this.plans.get(cacheKey);
    if (cached) return cached;
    const operationName = operation.name?.value;
    const plan = this.planner.buildQueryPlan(operationFromDocument(this.apiSchema, document, { operationName }));
    const node = plan.node;
    if (node?.kind !== 'Subscription') throw new GraphQLError('The subscription could not be planned', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
    const rest: PlanNode[] = node.rest ? [node.rest] : [];
    const planned: PlannedSubscription = {
      operation,
      operationContext: buildOperationContext({ schema: this.schema, operationDocument: document, operationName }),
      primary: node.primary,
      perEvent: { kind: 'QueryPlan', node: { kind: 'Sequence', nodes: [node.primary, ...rest] } },
    };
    if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(cacheKey, planned);
    return planned;
  }
}
