// Runs, proposals and exceptions as the API shows them: a proposal's policy figures recomputed from what the run stored.
import type { Money } from '../supplier-model.js';
import { dayIndexOf, isoDateOf } from '../planning/day-index.js';
import { applyPolicy } from '../planning/replenishment-policy.js';
import type { ReplenishmentExceptionRow } from '../../store/replenishment-exception.repository.js';
import type { ReplenishmentProposalRow } from '../../store/replenishment-proposal.repository.js';
import type { ReplenishmentRunItemRow } from '../../store/replenishment-run-item.repository.js';
import type { ReplenishmentRunRow } from '../../store/replenishment-run.repository.js';
import { exceptionCodes, type ReplenishmentExceptionCode } from './proposal-exceptions.js';
import { proposalId } from './run-ids.js';
import type { RunScope } from './run-scope.js';

export interface RunView {
  id: string;
  status: string;
  trigger: string;
  scope: Required<{ [K in keyof RunScope]: string[] | null }>;
  serviceLevel: number;
  safetyFactor: number;
  reviewPeriodDays: number;
  runDate: string;
  promotionId: string | null;
  requestedBy: string;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  positionsEvaluated: number;
  proposalCount: number;
  exceptionCount: number;
  timings: { readMs: number; computeMs: number; writeMs: number; totalMs: number };
  error: string | null;
}

export function toRunView(row: ReplenishmentRunRow): RunView {
  const scope = JSON.parse(row.scope) as RunScope;
  return {
    id: row.id,
    status: row.status,
    trigger: row.trigger,
    scope: { locationIds: scope.locationIds ?? null, skus: scope.skus ?? null, supplierIds: scope.supplierIds ?? null, regions: scope.regions ?? null },
    serviceLevel: Number(row.service_level),
    safetyFactor: Number(row.safety_factor),
    reviewPeriodDays: row.review_period_days,
    runDate: row.run_date,
    promotionId: row.promotion_id,
    requestedBy: row.requested_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    positionsEvaluated: row.positions,
    proposalCount: row.proposals,
    exceptionCount: row.exceptions,
    timings: { readMs: row.read_ms, computeMs: row.compute_ms, writeMs: row.write_ms, totalMs: row.read_ms + row.compute_ms + row.write_ms },
    error: row.error,
  };
}

export interface ProposalView {
  id: string;
  runId: string;
  seq: number;
  sku: string;
  locationId: string;
  supplierId: string;
  status: 'PROPOSED' | 'APPROVED' | 'SUPERSEDED';
  purchaseOrderId: string | null;
  exceptions: ReplenishmentExceptionCode[];
  forecastDailyDemand: number;
  demandStdDev: number;
  leadTimeDays: number;
  reviewPeriodDays: number;
  horizonDays: number;
  serviceLevel: number;
  safetyFactor: number;
  leadTimeDemand: number;
  horizonDemand: number;
  promotionUplift: number;
  promotionId: string | null;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  onHand: number;
  inbound: number;
  reserved: number;
  stockPosition: number;
  rawQuantity: number;
  roundedQuantity: number;
  quantity: number;
  packSize: number;
  minOrderQty: number;
  unitCost: Money;
  expectedArrival: string;
  weekdayFactors: number[];
}

/** The policy figures are the run's own: the same functions over the same stored inputs give the same numbers. */
export function toProposalView(row: ReplenishmentProposalRow, item: ReplenishmentRunItemRow, run: ReplenishmentRunRow, supersededBy: string | null): ProposalView {
  const policy = applyPolicy({
    leadTimeDemand: Number(row.lead_time_demand),
    horizonDemand: Number(row.horizon_demand),
    dailyStdDev: Number(row.std_dev),
    horizonDays: item.horizon_days,
    z: Number(run.safety_factor),
    onHand: row.on_hand,
    inbound: row.inbound,
    reserved: row.reserved,
  });
  return {
    id: proposalId(row.run_id, row.seq),
    runId: row.run_id,
    seq: row.seq,
    sku: row.sku,
    locationId: row.location_id,
    supplierId: item.supplier_id,
    status: row.status === 'APPROVED' ? 'APPROVED' : supersededBy ? 'SUPERSEDED' : 'PROPOSED',
    purchaseOrderId: row.purchase_order_id,
    exceptions: exceptionCodes(row.exception_mask),
    forecastDailyDemand: Number(row.forecast_daily),
    demandStdDev: Number(row.std_dev),
    leadTimeDays: item.lead_time_days,
    reviewPeriodDays: run.review_period_days,
    horizonDays: item.horizon_days,
    serviceLevel: Number(run.service_level),
    safetyFactor: Number(run.safety_factor),
    leadTimeDemand: Number(row.lead_time_demand),
    horizonDemand: Number(row.horizon_demand),
    promotionUplift: Number(row.promotion_uplift),
    promotionId: row.promotion_id,
    safetyStock: policy.safetyStock,
    reorderPoint: policy.reorderPoint,
    orderUpTo: policy.orderUpTo,
    onHand: row.on_hand,
    inbound: row.inbound,
    reserved: row.reserved,
    stockPosition: policy.position,
    rawQuantity: policy.rawQuantity,
    roundedQuantity: row.rounded_quantity,
    quantity: row.quantity,
    packSize: item.pack_size,
    minOrderQty: item.min_order_qty,
    unitCost: { centAmount: item.unit_cost_cent_amount, currency: item.currency },
    expectedArrival: isoDateOf(dayIndexOf(run.run_date) + item.lead_time_days),
    weekdayFactors: JSON.parse(item.weekday_factors),
  };
}

export interface ExceptionView {
  runId: string;
  seq: number;
  code: string;
  sku: string;
  locationId: string | null;
  supplierId: string | null;
  proposalId: string | null;
  message: string;
}

export function toExceptionView(row: ReplenishmentExceptionRow): ExceptionView {
  return {
    runId: row.run_id,
    seq: row.seq,
    code: row.code,
    sku: row.sku,
    locationId: row.location_id,
    supplierId: row.supplier_id,
    proposalId: row.proposal_seq !== null ? proposalId(row.run_id, row.proposal_seq) : null,
    message: row.message,
  };
}
