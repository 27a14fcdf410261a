// Query root of the pricing subgraph: cart pricing, promotions and their exception queue, price webhooks.
import type { PricingContext } from '../context.js';
import type { PriceCartInput } from '../services/cart.service.js';
import type { ExceptionFilterInput } from '../services/promotions/promotion-exception.service.js';
import { PROMOTION_SCOPES, requireScope } from '../services/promotions/promotion-scopes.js';
import type { PromotionFilterInput } from '../services/promotions/promotion.service.js';
import type { WebhookAudience } from '../publication/publication-routing.js';

interface Page {
  first?: number | null;
  after?: string | null;
}

export const queryResolvers = {
  Query: {
    priceCart: (_: unknown, args: { input: PriceCartInput }, ctx: PricingContext) => ctx.carts.priceCart(ctx.loaders, args.input),
    promotion: (_: unknown, args: { id: string }, ctx: PricingContext) => (requireScope(ctx.claims, PROMOTION_SCOPES.read), ctx.loaders.promotionById.load(args.id)),
    promotions: (_: unknown, args: Page & { filter?: PromotionFilterInput }, ctx: PricingContext) => ctx.promotions.definitions.list(ctx.claims, args.filter, args.first, args.after),
    promotionExceptions: (_: unknown, args: Page & { filter?: ExceptionFilterInput }, ctx: PricingContext) => ctx.promotions.exceptions.list(ctx.claims, args.filter, args.first, args.after),
    webhooks: (_: unknown, args: { audience?: WebhookAudience; locationId?: string; includeInactive?: boolean }, ctx: PricingContext) => ctx.promotions.webhooks.list(ctx.claims, args),
    webhookDeliveries: (_: unknown, args: Page & { filter?: { webhookId?: string; status?: 'PENDING' | 'DELIVERED' | 'DEAD' } }, ctx: PricingContext) =>
      ctx.promotions.webhooks.deliveries(ctx.claims, args.filter, args.first, args.after),
  },
};
