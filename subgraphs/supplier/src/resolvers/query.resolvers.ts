// Query root of the supplier subgraph.
import type { SupplierContext } from '../context.js';
import type { PurchaseOrderFilterInput } from '../services/purchase-order-query.js';
import type { SupplierFilterInput } from '../services/supplier.service.js';
import type { RunListQuery } from '../store/replenishment-run.repository.js';

interface PageArgs {
  first?: number;
  after?: string;
}

export const queryResolvers = {
  Query: {
    supplier: async (_: unknown, args: { id: string }, ctx: SupplierContext) => ctx.suppliers.requireSupplier(await ctx.loaders.supplierById.load(args.id), args.id),
    suppliers: (_: unknown, args: PageArgs & { filter?: SupplierFilterInput }, ctx: SupplierContext) => ctx.suppliers.listSuppliers(ctx.scope, args.filter, args.first, args.after),
    purchaseOrder: async (_: unknown, args: { id: string }, ctx: SupplierContext) =>
      ctx.purchaseOrders.requirePurchaseOrder(await ctx.loaders.purchaseOrderById.load(args.id), args.id),
    purchaseOrders: (_: unknown, args: PageArgs & { filter?: PurchaseOrderFilterInput }, ctx: SupplierContext) =>
      ctx.purchaseOrders.listPurchaseOrders(ctx.scope, args.filter, args.first, args.after),
    replenishmentRun: (_: unknown, args: { id: string }, ctx: SupplierContext) => ctx.replenishment.getRun(ctx.claims, () => ctx.loaders.runById.load(args.id), args.id),
    replenishmentRuns: (_: unknown, args: PageArgs & { filter?: RunListQuery }, ctx: SupplierContext) => ctx.replenishment.listRuns(ctx.claims, args.filter, args.first, args.after),
    replenishmentProposal: (_: unknown, args: { id: string }, ctx: SupplierContext) => ctx.replenishment.getProposal(ctx.claims, () => ctx.loaders.proposalById.load(args.id), args.id),
  },
};
