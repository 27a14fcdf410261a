// approveProposals: checks the proposals, raises their purchase orders (a saga), and sends them to the ERP and the supplier.
import { randomBytes } from 'node:crypto';
import { badUserInput, type Claims, type SagaRunner } from '@retail-hub/platform';
import type { ProposalKey, ReplenishmentProposalRow } from '../../store/replenishment-proposal.repository.js';
import type { ReplenishmentRunRow } from '../../store/replenishment-run.repository.js';
import { requirePlanner } from '../runs/replenishment-run.service.js';
import { parseProposalId, proposalId } from '../runs/run-ids.js';
import { scopeCovers, type RunScope } from '../runs/run-scope.js';
import type { ErpOrderSender } from './erp-order-sender.js';
import type { PurchasingDeps } from './purchasing-deps.js';
import { raisePurchaseOrdersWorkflow, type RaiseState } from './raise-purchase-orders.workflow.js';

export interface UserError {
  code: string;
  message: string;
  field: string | null;
}

export interface ApproveProposalsResult {
  purchaseOrderIds: string[];
  errors: UserError[];
}

const MAX_PROPOSALS = 5_000;
/** How long an approval waits for the ERP to take its orders before answering with them still APPROVED. */
const SEND_WAIT_MS = 3_000;

export class ApproveProposalsService {
  constructor(private readonly deps: PurchasingDeps, private readonly sagas: SagaRunner, private readonly sender: ErpOrderSender) {}

  /**
   * Approving the same proposals again returns the orders they are on. Proposals a later run has re-planned
   * (SUPERSEDED), with nothing to order, or from a run that did not complete are reported in `errors` and skipped.
   */
  async approve(claims: Claims, ids: readonly string[]): Promise<ApproveProposalsResult> {
    requirePlanner(claims, 'approveProposals');
    if (ids.length === 0) throw badUserInput('ids', 'name at least one proposal');
    if (ids.length > MAX_PROPOSALS) throw badUserInput('ids', `at most ${MAX_PROPOSALS.toLocaleString('en-US')} proposals at once`);
    const keys: ProposalKey[] = ids.map((id, i) => {
      const key = parseProposalId(id);
      if (!key) throw badUserInput(`ids.${i}`, `${id} is not a proposal id`);
      return key;
    });
    const rows = new Map((await this.deps.proposals.findByKeys(keys)).map((r) => [proposalId(r.run_id, r.seq), r]));
    ids.forEach((id, i) => {
      if (!rows.has(id)) throw badUserInput(`ids.${i}`, `no proposal ${id}`);
    });

    const errors: UserError[] = [];
    const onOrders = new Set<string>();
    const toApprove: string[] = [];
    const superseded = await this.superseded([...rows.values()]);
    const runs = new Map((await this.deps.runs.findByIds([...new Set(keys.map((k) => k.runId))])).map((r) => [r.id, r]));
    for (const [i, id] of ids.entries()) {
      const row = rows.get(id)!;
      if (row.status === 'APPROVED' && row.purchase_order_id) onOrders.add(row.purchase_order_id);
      else if (toApprove.includes(id)) continue;
      else if (runs.get(row.run_id)?.status !== 'COMPLETED') errors.push({ code: 'RUN_NOT_COMPLETED', field: `ids.${i}`, message: `${id} belongs to run ${row.run_id}, which did not complete.` });
      else if (superseded.has(id)) errors.push({ code: 'SUPERSEDED', field: `ids.${i}`, message: `${id} was re-planned by a later run (${superseded.get(id)}); approve that run's proposal instead.` });
      else if (row.quantity <= 0) errors.push({ code: 'NOTHING_TO_ORDER', field: `ids.${i}`, message: `${id} has a quantity of 0 (its supplier's capacity went to other locations).` });
      else toApprove.push(id);
    }

    if (toApprove.length) {
      const state: RaiseState = { sagaKey: `${this.deps.clock.now().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`, proposalIds: toApprove, approvedBy: claims.sub };
      const outcome = await this.sagas.run(raisePurchaseOrdersWorkflow(this.deps), `raise-${state.sagaKey}`, state);
      if (outcome.status === 'compensated') throw new Error(`raising purchase orders failed: ${outcome.error.message}`);
      // Whatever a concurrent approval claimed first is on its orders: read where each proposal ended up.
      for (const row of await this.deps.proposals.findByKeys(toApprove.map((id) => parseProposalId(id)!))) if (row.purchase_order_id) onOrders.add(row.purchase_order_id);
      this.sender.kick();
      await this.sender.drain(SEND_WAIT_MS);
    }
    return { purchaseOrderIds: [...onOrders].sort(), errors };
  }

  /** Proposals a later completed run covered (its own proposal, or none, is the current plan), with that run's id. */
  private async superseded(rows: readonly ReplenishmentProposalRow[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const proposed = rows.filter((r) => r.status === 'PROPOSED');
    if (proposed.length === 0) return out;
    const own = new Map<string, ReplenishmentRunRow>((await this.deps.runs.findByIds([...new Set(proposed.map((r) => r.run_id))])).map((r) => [r.id, r]));
    const earliest = [...own.values()].map((r) => r.completed_at ?? '').sort()[0] ?? '';
    const later = await this.deps.runs.completedAfter(earliest);
    if (later.length === 0) return out;
    const items = new Map((await this.deps.runItems.find(proposed.map((r) => ({ runId: r.run_id, sku: r.sku })))).map((i) => [`${i.run_id}|${i.sku}`, i.supplier_id]));
    for (const r of proposed) {
      const completedAt = own.get(r.run_id)?.completed_at ?? '';
      const position = { sku: r.sku, supplierId: items.get(`${r.run_id}|${r.sku}`) ?? null, location: this.deps.slots.get(r.location_id) };
      const newer = later.find((run) => run.id !== r.run_id && (run.completed_at ?? '') > completedAt && scopeCovers(JSON.parse(run.scope) as RunScope, position));
      if (newer) out.set(proposalId(r.run_id, r.seq), newer.id);
    }
    return out;
  }
}
