// ReplenishmentRun, ReplenishmentProposal and ReplenishmentException: entity references and the links to other types.
import type { SupplierContext } from '../context.js';
import type { ProposalFilterInput } from '../services/runs/replenishment-query.service.js';
import type { ExceptionView, ProposalView, RunView } from '../services/runs/replenishment-views.js';

interface PageArgs {
  first?: number;
  after?: string;
}

export const replenishmentResolvers = {
  ReplenishmentRun: {
    __resolveReference: (ref: { id: string }, ctx: SupplierContext) => ctx.replenishment.reference(ctx.claims, () => ctx.loaders.runById.load(ref.id)),
    proposals: (run: RunView, args: PageArgs & { filter?: ProposalFilterInput }, ctx: SupplierContext) => ctx.replenishment.proposalPage(run, args.filter, args.first, args.after),
    exceptions: (run: RunView, args: PageArgs & { filter?: { code?: string; sku?: string } }, ctx: SupplierContext) => ctx.replenishment.exceptionPage(run, args.filter, args.first, args.after),
  },
  ReplenishmentProposal: {
    __resolveReference: (ref: { id: string }, ctx: SupplierContext) => ctx.replenishment.reference(ctx.claims, () => ctx.loaders.proposalById.load(ref.id)),
    run: (p: ProposalView, _: unknown, ctx: SupplierContext) => ctx.loaders.runById.load(p.runId),
    product: (p: ProposalView) => ({ sku: p.sku }),
    location: (p: ProposalView) => ({ id: p.locationId }),
    supplier: (p: ProposalView, _: unknown, ctx: SupplierContext) => ctx.loaders.supplierById.load(p.supplierId),
    purchaseOrder: (p: ProposalView, _: unknown, ctx: SupplierContext) => (p.purchaseOrderId ? ctx.loaders.purchaseOrderById.load(p.purchaseOrderId) : null),
  },
  ReplenishmentException: {
    product: (e: ExceptionView) => ({ sku: e.sku }),
    location: (e: ExceptionView) => (e.locationId ? { id: e.locationId } : null),
    supplier: (e: ExceptionView, _: unknown, ctx: SupplierContext) => (e.supplierId ? ctx.loaders.supplierById.load(e.supplierId) : null),
    proposal: (e: ExceptionView, _: unknown, ctx: SupplierContext) => (e.proposalId ? ctx.loaders.proposalById.load(e.proposalId) : null),
  },
};
