// Replenishment runs: started by a planner (and answered when done), queued by the schedule and by promotions, executed by the engine.
import { forbidden, hasScope, supplierPartnerId, type Claims, type Clock, type Logger, type ServiceEvents } from '@retail-hub/platform';
import type { Kysely, Transaction } from 'kysely';
import { replenishmentRunCompletedEvent } from '../../events/replenishment-run-completed.event.js';
import type { ReplenishmentProposalRepository } from '../../store/replenishment-proposal.repository.js';
import type { ReplenishmentRunRepository, ReplenishmentRunRow } from '../../store/replenishment-run.repository.js';
import type { SupplierDatabase } from '../../store/supplier-tables.js';
import type { LocationSlots } from '../location-slots.js';
import { dayIndexOf, isoDateOf } from '../planning/day-index.js';
import { safetyFactor } from '../planning/service-level.js';
import type { RunEngine } from './run-engine.js';
import { newRunId } from './run-ids.js';
import { checkRunInput, DEFAULT_REVIEW_PERIOD_DAYS, type KnownIds, type RunOptions, type RunOptionsInput } from './run-input.js';
import type { RunScope } from './run-scope.js';
import { toRunView, type RunView } from './replenishment-views.js';
import { DEFAULT_SERVICE_LEVEL } from '../planning/service-level.js';

export type RunTrigger = 'MANUAL' | 'SCHEDULED' | 'PROMOTION';

export interface ReplenishmentRunServiceDeps {
  db: Kysely<SupplierDatabase>;
  events: ServiceEvents;
  runs: ReplenishmentRunRepository;
  proposals: ReplenishmentProposalRepository;
  engine: RunEngine;
  slots: LocationSlots;
  known: KnownIds;
  clock: Clock;
  logger: Logger;
  /** Resolves once the stock and demand projections have been loaded (the first start imports the ERP's history). */
  planningReady: () => Promise<void>;
}

export class ReplenishmentRunService {
  constructor(private readonly deps: ReplenishmentRunServiceDeps) {}

  /** The runReplenishment mutation: the finished run, and RUN_FAILED when it failed. */
  async runReplenishment(claims: Claims, scope: RunScope | null | undefined, options: RunOptionsInput | null | undefined): Promise<{ run: RunView; errors: { code: string; message: string; field: string | null }[] }> {
    const run = await this.runNow(claims, scope, options);
    return { run: toRunView(run), errors: run.status === 'FAILED' ? [{ code: 'RUN_FAILED', message: `The run failed: ${run.error}`, field: null }] : [] };
  }

  /** A planner's run: checked, recorded, executed, and answered when it has finished. */
  async runNow(claims: Claims, scope: RunScope | null | undefined, options: RunOptionsInput | null | undefined): Promise<ReplenishmentRunRow> {
    requirePlanner(claims, 'runReplenishment');
    await this.deps.planningReady();
    const checked = await checkRunInput(scope, options, this.deps.slots, this.deps.known);
    const run = this.newRun('MANUAL', checked.scope, checked.options, null, claims.sub);
    run.status = 'RUNNING';
    run.started_at = run.created_at;
    await this.deps.runs.insert(this.deps.db, run);
    return this.execute(run);
  }

  /** Queues a run for the worker, in the caller's transaction (a promotion consumer's, the daily schedule). */
  async queue(trx: Transaction<SupplierDatabase> | Kysely<SupplierDatabase>, trigger: RunTrigger, scope: RunScope, promotionId: string | null): Promise<ReplenishmentRunRow> {
    const run = this.newRun(trigger, scope, { serviceLevel: DEFAULT_SERVICE_LEVEL, reviewPeriodDays: DEFAULT_REVIEW_PERIOD_DAYS }, promotionId, `service:supplier`);
    await this.deps.runs.insert(trx, run);
    return run;
  }

  /** The day's scheduled run, unless it is queued already; returns it when this call queued it. */
  async queueDaily(): Promise<ReplenishmentRunRow | null> {
    const run = this.newRun('SCHEDULED', {}, { serviceLevel: DEFAULT_SERVICE_LEVEL, reviewPeriodDays: DEFAULT_REVIEW_PERIOD_DAYS }, null, 'service:supplier');
    if (await this.deps.runs.hasDaily(run.run_date)) return null;
    return (await this.deps.runs.queueDaily(run)) ? run : null;
  }

  /**
   * Retention: proposals nobody approved are dropped from runs older than `keepDays` (a full run writes one per
   * position that orders, every day). Runs, their items and exceptions stay, and so do approved proposals, which
   * explain the orders made from them.
   */
  async pruneProposals(keepDays: number): Promise<number> {
    const cutoff = new Date(this.deps.clock.now().getTime() - keepDays * 86_400_000).toISOString();
    const old = await this.deps.runs.idsCreatedBefore(cutoff);
    if (old.length) await this.deps.proposals.deleteUnapproved(old);
    return old.length;
  }

  /** Runs a recorded run to its end: COMPLETED with its figures, or FAILED with why; either way an event says so. */
  async execute(run: ReplenishmentRunRow): Promise<ReplenishmentRunRow> {
    const { deps } = this;
    await deps.planningReady();
    try {
      const stats = await deps.engine.execute(run);
      const completedAt = deps.clock.now().toISOString();
      await deps.events.transaction(deps.db, async (trx, emit) => {
        await deps.runs.complete(trx, run.id, stats, completedAt);
        emit(replenishmentRunCompletedEvent({ runId: run.id, status: 'COMPLETED', trigger: run.trigger, runDate: run.run_date, promotionId: run.promotion_id, positions: stats.positions, proposals: stats.proposals, exceptions: stats.exceptions, completedAt }));
      });
      deps.logger.info({ runId: run.id, trigger: run.trigger, ...stats }, 'replenishment run completed');
      return { ...run, ...stats, status: 'COMPLETED', completed_at: completedAt };
    } catch (error) {
      const completedAt = deps.clock.now().toISOString();
      const message = String((error as Error)?.message ?? error);
      deps.logger.error({ err: error, runId: run.id }, 'replenishment run failed');
      await deps.events.transaction(deps.db, async (trx, emit) => {
        await deps.runs.fail(trx, run.id, message, completedAt);
        emit(replenishmentRunCompletedEvent({ runId: run.id, status: 'FAILED', trigger: run.trigger, runDate: run.run_date, promotionId: run.promotion_id, positions: 0, proposals: 0, exceptions: 0, completedAt }));
      });
      return { ...run, status: 'FAILED', error: message, completed_at: completedAt };
    }
  }

  private newRun(trigger: RunTrigger, scope: RunScope, options: RunOptions, promotionId: string | null, requestedBy: string): ReplenishmentRunRow {
    const now = this.deps.clock.now();
    const runDate = isoDateOf(dayIndexOf(now));
    return {
      id: newRunId(runDate),
      status: 'QUEUED',
      trigger,
      scope: JSON.stringify(scope),
      service_level: options.serviceLevel,
      safety_factor: safetyFactor(options.serviceLevel),
      review_period_days: options.reviewPeriodDays,
      run_date: runDate,
      promotion_id: promotionId,
      requested_by: requestedBy,
      created_at: now.toISOString(),
      started_at: null,
      completed_at: null,
      positions: 0,
      proposals: 0,
      exceptions: 0,
      read_ms: 0,
      compute_ms: 0,
      write_ms: 0,
      error: null,
    };
  }
}

/** Planning is for the retailer's own people and services: a supplier partner may not, and the caller needs purchasing:write (docs/security.md). */
export function requirePlanner(claims: Claims, what: string): void {
  if (supplierPartnerId(claims)) throw forbidden(`${what} is not open to supplier partners`);
  if (!hasScope(claims, 'purchasing:write')) throw forbidden(`${what} needs the purchasing:write scope`);
}
