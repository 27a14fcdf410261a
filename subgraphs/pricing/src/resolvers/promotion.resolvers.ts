// Promotion (owned here), its items, windows and exceptions; the parts with costs and stock need promotions:read.
import { decodeCursor, pageSize, toConnection } from '@retail-hub/platform';
import type { PricingContext } from '../context.js';
import { eventRule } from '../events/promotion-events.js';
import { describeDeal } from '../engine/promotion-description.js';
import type { Promotion, PromotionException } from '../services/promotions/promotion-model.js';
import { PROMOTION_SCOPES, requireScope } from '../services/promotions/promotion-scopes.js';
import type { PromotionItemRow } from '../store/promotion-item.repository.js';
import type { PromotionLocationRow } from '../store/promotion-location.repository.js';

type Item = PromotionItemRow & { currency: string; excludedLocationIds: string[] };

export const promotionResolvers = {
  Promotion: {
    __resolveReference: (ref: { id: string }, ctx: PricingContext) => ctx.loaders.promotionById.load(ref.id),
    rule: (p: Promotion) => eventRule(p.rule),
    dealText: (p: Promotion) => describeDeal(p.type, p.rule),
    items: async (p: Promotion, args: { first?: number; after?: string }, ctx: PricingContext) => {
      requireScope(ctx.claims, PROMOTION_SCOPES.read);
      const limit = pageSize(args.first, 'first', 500);
      const after = args.after ? String(decodeCursor(args.after, 'after')[0]) : null;
      const { stores } = ctx.promotions;
      const all = await stores.items.items(p.id, stores.db, true);
      const exclusions = await stores.items.exclusions(p.id);
      const rows: Item[] = all.filter((i) => after === null || i.sku > after).slice(0, limit + 1).map((i) => ({ ...i, currency: p.rule.currency, excludedLocationIds: exclusions.filter((x) => x.sku === i.sku).map((x) => x.locationId) }));
      return toConnection(rows, limit, (i) => [i.sku], async () => all.length, after !== null);
    },
    windows: (p: Promotion, _: unknown, ctx: PricingContext) => (requireScope(ctx.claims, PROMOTION_SCOPES.read), ctx.promotions.stores.windows.forPromotion(p.id)),
    exceptions: (p: Promotion, args: { statuses?: PromotionException['status'][]; first?: number; after?: string }, ctx: PricingContext) =>
      ctx.promotions.exceptions.list(ctx.claims, { promotionId: p.id, statuses: args.statuses }, args.first, args.after),
  },
  PromotionItem: {
    product: (i: Item) => ({ sku: i.sku }),
    excluded: (i: Item) => i.excluded === 1,
    marginApproved: (i: Item) => i.margin_approved === 1,
    unitCost: (i: Item) => ({ centAmount: i.unit_cost, currency: i.currency }),
  },
  PromotionWindow: {
    locationId: (w: PromotionLocationRow) => w.location_id,
    online: (w: PromotionLocationRow) => w.online === 1,
    timeZone: (w: PromotionLocationRow) => w.time_zone,
    startsAt: (w: PromotionLocationRow) => w.starts_at,
    endsAt: (w: PromotionLocationRow) => w.ends_at,
    liveAt: (w: PromotionLocationRow) => w.live_at,
    endedAt: (w: PromotionLocationRow) => w.ended_at,
  },
  PromotionException: {
    promotion: (e: PromotionException, _: unknown, ctx: PricingContext) => ctx.loaders.promotionById.load(e.promotionId),
  },
  PriceAdjustment: {
    promotion: (a: { promotionId: string }, _: unknown, ctx: PricingContext) => ctx.loaders.promotionById.load(a.promotionId),
  },
};
