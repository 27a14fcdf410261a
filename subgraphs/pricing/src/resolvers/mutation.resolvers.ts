// Mutation root of the pricing subgraph: the promotion lifecycle, its exception queue, price webhooks.
import type { PricingContext } from '../context.js';
import type { ExceptionResolution } from '../services/promotions/promotion-model.js';
import type { PromotionInput } from '../services/promotions/promotion-input.js';
import type { RegisterWebhookInput } from '../publication/webhook-admin.service.js';

export const mutationResolvers = {
  Mutation: {
    createPromotion: (_: unknown, args: { input: PromotionInput }, ctx: PricingContext) => ctx.promotions.definitions.create(ctx.claims, args.input),
    updatePromotion: (_: unknown, args: { id: string; input: PromotionInput }, ctx: PricingContext) => ctx.promotions.definitions.update(ctx.claims, args.id, args.input),
    submitPromotion: (_: unknown, args: { id: string }, ctx: PricingContext) => ctx.promotions.validation.submit(ctx.claims, args.id),
    resolvePromotionException: (_: unknown, args: { id: string; resolution: ExceptionResolution; reason: string }, ctx: PricingContext) =>
      ctx.promotions.exceptions.resolve(ctx.claims, args.id, args.resolution, args.reason),
    schedulePromotion: (_: unknown, args: { id: string }, ctx: PricingContext) => ctx.promotions.lifecycle.schedule(ctx.claims, args.id),
    cancelPromotion: (_: unknown, args: { id: string; reason: string }, ctx: PricingContext) => ctx.promotions.lifecycle.cancel(ctx.claims, args.id, args.reason),
    registerWebhook: (_: unknown, args: { input: RegisterWebhookInput }, ctx: PricingContext) => ctx.promotions.webhooks.register(ctx.claims, args.input),
    deactivateWebhook: (_: unknown, args: { id: string }, ctx: PricingContext) => ctx.promotions.webhooks.deactivate(ctx.claims, args.id),
    replayWebhookDeliveries: (_: unknown, args: { input: { webhookId?: string; messageIds?: string[] } }, ctx: PricingContext) => ctx.promotions.webhooks.replay(ctx.claims, args.input),
  },
};
