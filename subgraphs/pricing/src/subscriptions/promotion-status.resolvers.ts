// Subscription.promotionStatusChanged; served over graphql-ws on /graphql.
import { resumeCursorOf, type LiveEvent } from '@retail-hub/platform';
import type { PricingContext } from '../context.js';
import type { PromotionStatusStreams } from './promotion-status-streams.service.js';

export function promotionStatusResolvers(streams: PromotionStatusStreams) {
  return {
    Subscription: {
      promotionStatusChanged: {
        subscribe: (_: unknown, args: { id: string }, ctx: PricingContext) => streams.open(ctx, args.id, resumeCursorOf(ctx)),
        resolve: (item: LiveEvent, _: unknown, ctx: PricingContext) => streams.current(ctx, item),
      },
    },
  };
}
