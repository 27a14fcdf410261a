// ErpPosting: its order and amount; the postings list and the replay mutations.
import type { OrdersContext } from '../context.js';
import type { ErpPosting, ErpPostingFilterInput } from '../services/erp-posting.service.js';

export const erpPostingResolvers = {
  Query: {
    erpPostings: (_: unknown, args: { filter?: ErpPostingFilterInput; first?: number; after?: string }, ctx: OrdersContext) => ctx.postings.list(ctx.claims, args.filter, args.first, args.after),
  },
  Mutation: {
    replayErpPosting: (_: unknown, args: { id: string }, ctx: OrdersContext) => ctx.postings.replayOne(ctx.claims, args.id),
    replayErpPostings: (_: unknown, args: { filter: ErpPostingFilterInput }, ctx: OrdersContext) => ctx.postings.replayMatching(ctx.claims, args.filter),
  },
  ErpPosting: {
    order: (p: ErpPosting, _: unknown, ctx: OrdersContext) => ctx.orderQueries.getOrder(ctx, p.orderId),
    total: (p: ErpPosting) => ({ centAmount: p.totalCentAmount, currency: p.currency }),
  },
};
