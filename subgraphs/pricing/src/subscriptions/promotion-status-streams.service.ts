// promotionStatusChanged: the events of one promotion, for a caller who may read promotions; each delivers it as it now stands.
import { notFound, type FeedCursor, type LiveEvent, type LiveEventFeed } from '@retail-hub/platform';
import type { PricingContext } from '../context.js';
import type { Promotion } from '../services/promotions/promotion-model.js';
import { PROMOTION_SCOPES, requireScope } from '../services/promotions/promotion-scopes.js';

/** Every pricing.promotion.* event is a status change of the promotion its subject names (scheduled, started, ended, cancelled). */
export const PROMOTION_STATUS_EVENTS = ['pricing.promotion.*'];

export class PromotionStatusStreams {
  constructor(private readonly feed: LiveEventFeed) {}

  /** The same rule as Query.promotion (promotions:read), and the promotion must exist, before anything is opened. */
  async open(ctx: PricingContext, id: string, resumeAfter: FeedCursor | null): Promise<AsyncIterableIterator<LiveEvent>> {
    requireScope(ctx.claims, PROMOTION_SCOPES.read);
    if (!(await ctx.loaders.promotionById.load(id))) throw notFound('id', `id: no promotion ${id}`);
    return this.feed.open((item) => item.event.subject === id, resumeAfter);
  }

  /** Read when the event is delivered: a change made since may already show, and the latest is what a watcher wants. */
  async current(ctx: PricingContext, item: LiveEvent): Promise<Promotion> {
    const promotion = await ctx.loaders.promotionById.load(item.event.subject!);
    if (!promotion) throw notFound('id', `id: no promotion ${item.event.subject}`);
    return promotion;
  }
}
