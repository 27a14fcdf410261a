// Runs sagas: steps in order with their progress saved, compensation in reverse on failure, and recovery of sagas a dead process left.
import type { AnyKysely } from '../store/transaction.js';
import type { Logger } from 'pino';
import type { Clock } from '../time/clock.js';
import type { SagaTable } from './saga-tables.js';
import { SagaStore, type SagaChange } from './saga-store.js';
import { SagaAbort, type BeforePersist, type SagaContext, type SagaError, type SagaOutcome, type Workflow } from './saga-step.js';

export interface SagaRunnerOptions {
  db: AnyKysely;
  clock: Clock;
  logger: Logger;
  workflows: Workflow<unknown>[];
  /** A saga not touched for this long is taken over by recovery; longer than any one step may take. @default 30_000 */
  leaseMs?: number;
  /** How often recovery looks for sagas whose lease ran out. @default 1000 */
  recoveryIntervalMs?: number;
  /** Recoveries after which a saga is left FAILED for a person to look at. @default 20 */
  maxRecoveries?: number;
  /** Finished sagas are deleted after this long. @default 24 h */
  retentionMs?: number;
  /**
   * Failures a resumed saga waits out instead of compensating (e.g. a service it calls is not up
   * yet after a restart): it is tried again by a later recovery pass, backing off each time.
   * @default none: every failure compensates
   */
  isTransient?: (error: unknown) => boolean;
  /**
   * Test-only switch (HUB_TEST_PAUSE_SAGA_AT): a live run stops for good right after this step's
   * progress is saved, so a test can kill the process at that point. Recovery never pauses.
   */
  pauseAfter?: string;
}

interface Run<S> {
  workflow: Workflow<S>;
  id: string;
  state: S;
  ctx: SagaContext;
  persisted: boolean;
}

export class SagaRunner {
  private readonly store: SagaStore;
  private readonly workflows: Map<string, Workflow<unknown>>;
  /** Sagas this process is running now: recovery leaves them alone even if the clock is moved past their lease. */
  private readonly active = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private recovering: Promise<number> | null = null;
  private lastCleanup = 0;
  private stopped = true;
  /** Set by stop(): recovery in progress takes no further sagas. */
  private closed = false;

  constructor(private readonly options: SagaRunnerOptions) {
    this.store = new SagaStore(options.db, options.clock, options.leaseMs ?? 30_000);
    this.workflows = new Map(options.workflows.map((w) => [w.name, w]));
  }

  /**
   * Runs a saga to its end. Steps before the first one with a compensation run in memory: a
   * failure there is thrown as is and nothing is saved. The saga is saved when that first
   * compensating step is about to start, in one transaction with `beforePersist`.
   */
  async run<S>(workflow: Workflow<S>, id: string, initial: S, options: { beforePersist?: BeforePersist } = {}): Promise<SagaOutcome<S>> {
    const run: Run<S> = { workflow, id, state: initial, ctx: { sagaId: id, resumed: false }, persisted: false };
    this.active.add(id);
    try {
      return await this.forward(run, 0, options.beforePersist);
    } finally {
      this.active.delete(id);
    }
  }

  /** Starts the recovery loop (it also runs once now). */
  start(): void {
    this.stopped = false;
    this.closed = false;
    this.scheduleRecovery(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.recovering?.catch(() => undefined);
  }

  /** Takes over every saga whose lease has run out and runs it to its end; returns how many it took. */
  recoverNow(): Promise<number> {
    this.recovering ??= this.recover().finally(() => {
      this.recovering = null;
    });
    return this.recovering;
  }

  private scheduleRecovery(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.recoverNow()
        .catch((err) => this.options.logger.error({ err }, 'saga recovery pass failed'))
        .finally(() => this.scheduleRecovery(this.options.recoveryIntervalMs ?? 1000));
    }, delayMs);
    this.timer.unref();
  }

  private async forward<S>(run: Run<S>, from: number, beforePersist?: BeforePersist): Promise<SagaOutcome<S>> {
    const steps = run.workflow.steps;
    for (let i = from; i < steps.length; i++) {
      const step = steps[i]!;
      if (step.compensate) {
        // Saved as started first: should the process die inside the step, recovery knows to finish or undo it.
        if (run.persisted) await this.save(run, { step_index: i, in_step: 1 });
        else await this.insert(run, i, beforePersist);
      }
      try {
        const output = await step.run(run.state, run.ctx);
        if (output) run.state = { ...run.state, ...output };
      } catch (error) {
        if (!run.persisted) throw error;
        if (run.ctx.resumed && !(error instanceof SagaAbort) && this.options.isTransient?.(error)) return this.postpone(run, i, error);
        // A step that aborts refused without effects: only the steps before it are undone.
        return this.compensate(run, error instanceof SagaAbort ? i - 1 : i, toSagaError(error, run, step.name, this.options.logger));
      }
      if (run.persisted && step.checkpoint !== false) await this.save(run, { step_index: i + 1, in_step: 0 });
      if (run.persisted && step.name === this.options.pauseAfter && !run.ctx.resumed) {
        this.options.logger.warn({ sagaId: run.id, step: step.name }, `saga paused after ${step.name} (HUB_TEST_PAUSE_SAGA_AT): kill the process to test recovery`);
        await new Promise<never>(() => undefined);
      }
    }
    if (run.persisted) await this.save(run, { status: 'COMPLETED', step_index: steps.length, in_step: 0 });
    return { status: 'completed', state: run.state };
  }

  /** Leaves a resumed saga at step `at` for a later recovery pass, sooner than a full lease but later each time. */
  private async postpone<S>(run: Run<S>, at: number, error: unknown): Promise<never> {
    const delay = Math.min(this.options.leaseMs ?? 30_000, 500 * 2 ** Math.min(await this.store.recoveries(run.id), 10));
    await this.store.save(run.id, run.state, { step_index: at, in_step: 1 }, delay);
    this.options.logger.warn({ err: error, sagaId: run.id, step: run.workflow.steps[at]?.name, retryInMs: delay }, 'resumed saga waits for a service; trying again later');
    throw new SagaPostponed(run.id);
  }

  /** Undoes steps `from` down to the first, in reverse; a compensation that fails leaves the rest to recovery. */
  private async compensate<S>(run: Run<S>, from: number, error: SagaError): Promise<SagaOutcome<S>> {
    await this.save(run, { status: 'COMPENSATING', step_index: from, in_step: 1, error: JSON.stringify(error) });
    if (!run.workflow.steps.slice(0, from + 1).some((s) => s.compensate)) return this.compensated(run, error);
    for (let i = from; i >= 0; i--) {
      const step = run.workflow.steps[i]!;
      if (!step.compensate) continue;
      try {
        await step.compensate(run.state, run.ctx);
      } catch (failure) {
        this.options.logger.warn({ err: failure, sagaId: run.id, step: step.name }, 'saga compensation failed; recovery will try again');
        await this.save(run, { step_index: i });
        return { status: 'compensated', state: run.state, error, pending: true };
      }
      await this.save(run, { step_index: i - 1 });
    }
    return this.compensated(run, error);
  }

  private async compensated<S>(run: Run<S>, error: SagaError): Promise<SagaOutcome<S>> {
    await run.workflow.onCompensated?.(run.state, error, run.ctx);
    await this.save(run, { status: 'COMPENSATED', step_index: -1, in_step: 0 });
    return { status: 'compensated', state: run.state, error, pending: false };
  }

  private async insert<S>(run: Run<S>, stepIndex: number, beforePersist?: BeforePersist): Promise<void> {
    await this.store.insert(run.id, run.workflow.name, run.state, stepIndex, beforePersist);
    run.persisted = true;
  }

  private save<S>(run: Run<S>, change: SagaChange): Promise<void> {
    return this.store.save(run.id, run.state, change);
  }

  private async recover(): Promise<number> {
    let taken = 0;
    for (const row of await this.store.expired(50)) {
      if (this.active.has(row.id) || this.closed || !(await this.store.claim(row))) continue;
      taken++;
      await this.resume({ ...row, recoveries: row.recoveries + 1 }).catch((err) => {
        if (!(err instanceof SagaPostponed)) this.options.logger.error({ err, sagaId: row.id }, 'saga recovery failed');
      });
    }
    if (Date.now() - this.lastCleanup >= 60_000) {
      this.lastCleanup = Date.now();
      await this.store.deleteFinishedBefore(new Date(this.options.clock.now().getTime() - (this.options.retentionMs ?? 86_400_000)));
    }
    return taken;
  }

  private async resume(row: SagaTable): Promise<void> {
    const workflow = this.workflows.get(row.workflow);
    const run: Run<unknown> = { workflow: workflow!, id: row.id, state: JSON.parse(row.state), ctx: { sagaId: row.id, resumed: true }, persisted: true };
    if (!workflow || row.recoveries > (this.options.maxRecoveries ?? 20)) {
      this.options.logger.error({ sagaId: row.id, workflow: row.workflow, recoveries: row.recoveries }, 'saga left FAILED: unknown workflow or too many recoveries');
      // onFailed first: if the process dies in between, the next pass finds the saga again and repeats both.
      await workflow?.onFailed?.(run.state, run.ctx).catch((err) => this.options.logger.error({ err, sagaId: row.id }, 'saga left FAILED: its onFailed failed'));
      await this.store.markFailed(row.id);
      return;
    }
    this.active.add(row.id);
    try {
      this.options.logger.warn({ sagaId: row.id, workflow: row.workflow, status: row.status, step: workflow.steps[row.step_index]?.name }, 'resuming saga');
      if (row.status === 'RUNNING') await this.forward(run, row.step_index);
      else await this.compensate(run, row.step_index, row.error ? (JSON.parse(row.error) as SagaError) : { message: 'unknown' });
    } finally {
      this.active.delete(row.id);
    }
  }

}

/** A resumed saga that waits for a later recovery pass (see SagaRunnerOptions.isTransient). */
class SagaPostponed extends Error {
  constructor(sagaId: string) {
    super(`saga ${sagaId} postponed`);
  }
}

function toSagaError(error: unknown, run: Run<unknown>, step: string, logger: Logger): SagaError {
  if (error instanceof SagaAbort) return { message: error.message, outcome: error.outcome };
  logger.warn({ err: error, sagaId: run.id, step }, 'saga step failed; compensating');
  const code = (error as { extensions?: { code?: unknown }; code?: unknown })?.extensions?.code ?? (error as { code?: unknown })?.code;
  return { message: String((error as Error)?.message ?? error), ...(typeof code === 'string' ? { code } : {}) };
}
