// Prices each operation with @cost/@listSize, refuses one dearer than the caller's maximum, and spends its leaky bucket.
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '@retail-hub/platform';
import { keyOf } from '../auth/keyed-claims.js';
import { actualCost } from '../cost/actual-cost.js';
import { costExtension, type CostExtension } from '../cost/cost-extension.js';
import type { CostModel } from '../cost/cost-model.js';
import { estimateCost } from '../cost/estimate-cost.js';
import type { GatewayContext } from '../gateway-context.js';
import type { KeyLimits } from '../keys/api-key-model.js';
import { WalkBudget } from '../operation/selection-fields.js';
import type { BucketStore } from '../rate-limit/bucket-store.js';

export interface RateLimitPluginOptions {
  costModel: CostModel;
  buckets: BucketStore;
  /** Limits of callers without a key, one bucket per client address. */
  anonymousLimits: KeyLimits;
  logger: Logger;
  /** Work budget of the estimate (see WalkBudget). @default 10_000 */
  maxSelections?: number;
}

interface Spending {
  bucket: string;
  limits: KeyLimits;
  requested: number;
}

/**
 * Runs in responseForOperation, after every plugin's didResolveOperation: authorization has removed what the
 * caller may not read, so the price is of what will run, and nothing is spent on an operation refused anyway.
 */
export function rateLimitPlugin(options: RateLimitPluginOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let spending: Spending | null = null;
      return {
        async responseForOperation(requestContext): Promise<GraphQLResponse | null> {
          const caller = callerBucket(requestContext.contextValue, options.anonymousLimits);
          // The hub's own services are trusted callers with their own timeouts; they are not priced.
          if (!caller) return null;
          const { limits } = caller;
          const budget = new WalkBudget(options.maxSelections ?? 10_000);
          const requested = estimateCost(options.costModel, requestContext.schema, requestContext.document, requestContext.operation!, requestContext.request.variables ?? {}, budget);
          if (requested > limits.maxCost) {
            const { available } = await options.buckets.take(caller.bucket, 0, bucketLimits(limits));
            return refusal(400, {
              message: `The operation's estimated cost ${requested} exceeds this key's maximum of ${limits.maxCost} per operation; ask for fewer items (smaller first:) or fewer fields`,
              extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'maxCost', max: limits.maxCost, actual: requested },
            }, costExtension(requested, null, available, limits.bucketCapacity, limits.restoreRate));
          }
          let taken;
          try {
            taken = await options.buckets.take(caller.bucket, requested, bucketLimits(limits));
          } catch (err) {
            options.logger.error({ err }, 'rate-limit store unavailable; refusing the request');
            return refusal(503, { message: 'The gateway cannot check rate limits right now; try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }, null, 1);
          }
          const extension = costExtension(requested, null, taken.available, limits.bucketCapacity, limits.restoreRate);
          if (!taken.allowed) {
            const retryAfter = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
            return refusal(429, {
              message: `Rate limited: this operation costs ${requested} points and ${Math.floor(taken.available)} are available (restoring ${limits.restoreRate}/s); retry after ${retryAfter} s`,
              extensions: { code: 'RATE_LIMITED', retryAfterMs: taken.retryAfterMs },
            }, extension, retryAfter);
          }
          spending = { bucket: caller.bucket, limits, requested };
          return null;
        },
        async willSendResponse({ response, schema, document, operation }) {
          if (!spending || response.body.kind !== 'single' || !document || !operation) return;
          const result = response.body.singleResult;
          const actual = actualCost(options.costModel, schema, document, operation, result.data as Record<string, unknown> | null | undefined);
          // The estimate assumed full pages; what did not come back is given back, as Shopify does.
          const available = await options.buckets.refund(spending.bucket, spending.requested - Math.min(actual, spending.requested), bucketLimits(spending.limits)).catch(() => 0);
          const { limits, requested } = spending;
          response.body.singleResult = { ...result, extensions: { ...result.extensions, cost: costExtension(requested, actual, available, limits.bucketCapacity, limits.restoreRate) } };
        },
      };
    },
  };
}

function callerBucket(context: GatewayContext, anonymousLimits: KeyLimits): { bucket: string; limits: KeyLimits } | null {
  const { claims } = context;
  if (claims.kind === 'service') return null;
  const key = keyOf(claims);
  if (key) return { bucket: `key:${key.id}`, limits: key.limits };
  return { bucket: `anonymous:${context.clientAddress ?? 'unknown'}`, limits: anonymousLimits };
}

function bucketLimits(limits: KeyLimits) {
  return { capacity: limits.bucketCapacity, restoreRate: limits.restoreRate };
}

function refusal(status: number, error: GraphQLFormattedError, cost: CostExtension | null, retryAfterSeconds?: number): GraphQLResponse {
  const headers = new HeaderMap();
  if (retryAfterSeconds) headers.set('retry-after', String(retryAfterSeconds));
  return {
    http: { status, headers },
    body: { kind: 'single', singleResult: { errors: [error], ...(cost ? { extensions: { cost } } : {}) } },
  };
}
