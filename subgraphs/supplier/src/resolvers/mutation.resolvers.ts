// Mutation root of the supplier subgraph: replenishment runs, approvals, and the purchase-order steps.
import type { SupplierContext } from '../context.js';
import type { AdvanceShipNoticeInput } from '../services/purchasing/advance-ship-notice.service.js';
import type { ConfirmPurchaseOrderInput } from '../services/purchasing/confirm-purchase-order.service.js';
import type { ReceivePurchaseOrderInput } from '../services/purchasing/receive-purchase-order.service.js';
import type { RegisterSupplierWebhookInput } from '../services/purchasing/supplier-webhooks.service.js';
import type { RunOptionsInput } from '../services/runs/run-input.js';
import type { RunScope } from '../services/runs/run-scope.js';

/** The order as it now stands, read fresh in this request. */
const orderResult = async (id: string, ctx: SupplierContext) => ({ purchaseOrder: await ctx.loaders.purchaseOrderById.load(id), errors: [] });

export const mutationResolvers = {
  Mutation: {
    runReplenishment: (_: unknown, args: { scope?: RunScope; options?: RunOptionsInput }, ctx: SupplierContext) => ctx.runs.runReplenishment(ctx.claims, args.scope, args.options),
    approveProposals: async (_: unknown, args: { ids: string[] }, ctx: SupplierContext) => {
      const { purchaseOrderIds, errors } = await ctx.approvals.approve(ctx.claims, args.ids);
      return { purchaseOrders: (await ctx.loaders.purchaseOrderById.loadMany(purchaseOrderIds)).filter(Boolean), errors };
    },
    confirmPurchaseOrder: async (_: unknown, args: { input: ConfirmPurchaseOrderInput }, ctx: SupplierContext) => orderResult(await ctx.confirmations.confirm(ctx.claims, args.input), ctx),
    postAdvanceShipNotice: async (_: unknown, args: { input: AdvanceShipNoticeInput }, ctx: SupplierContext) => orderResult(await ctx.shipNotices.post(ctx.claims, args.input), ctx),
    receivePurchaseOrder: async (_: unknown, args: { input: ReceivePurchaseOrderInput }, ctx: SupplierContext) => orderResult(await ctx.receipts.receive(ctx.claims, args.input), ctx),
    cancelPurchaseOrder: async (_: unknown, args: { id: string; reason?: string }, ctx: SupplierContext) => orderResult(await ctx.cancellations.cancel(ctx.claims, args.id, args.reason), ctx),
    registerSupplierWebhook: async (_: unknown, args: { input: RegisterSupplierWebhookInput }, ctx: SupplierContext) => {
      const endpoint = await ctx.webhooks.register(ctx.claims, args.input);
      return { webhook: { id: endpoint.id, url: endpoint.url, supplierId: args.input.supplierId, createdAt: endpoint.created_at }, secret: endpoint.secret };
    },
  },
  SupplierWebhook: {
    supplier: (w: { supplierId: string }, _: unknown, ctx: SupplierContext) => ctx.loaders.supplierById.load(w.supplierId),
  },
};
