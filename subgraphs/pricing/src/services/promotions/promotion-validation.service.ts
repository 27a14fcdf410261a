// Submitting a promotion: DRAFT -> VALIDATING and its validation saga saved together, the checks then run in the background.
import { randomUUID } from 'node:crypto';
import { badUserInput, notFound, SagaRunner, type Claims } from '@retail-hub/platform';
import { validatePromotionWorkflow } from '../../workflows/validate-promotion.workflow.js';
import type { ValidationDeps, ValidationState } from '../../workflows/validation-deps.js';
import { toPromotion } from './promotion-model.js';
import { PROMOTION_SCOPES, requireScope } from './promotion-scopes.js';
import type { PromotionResult } from './promotion.service.js';

class SubmittedMeanwhile extends Error {}

export class PromotionValidationService {
  private readonly runner: SagaRunner;
  private readonly workflow;
  /** Callers waiting for their validation saga to be saved, by submission. */
  private readonly waiting = new Map<string, () => void>();
  /** Validations running in this process: stop() lets them finish while the store is still open. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: Omit<ValidationDeps, 'onBegun'>, options: { leaseMs?: number; pauseAfter?: string } = {}) {
    this.workflow = validatePromotionWorkflow({ ...deps, onBegun: (submission) => this.waiting.get(submission)?.() });
    // Long enough for the stock check to wait for its inputs after a first start.
    this.runner = new SagaRunner({ db: deps.stores.db, clock: deps.clock, logger: deps.logger, workflows: [this.workflow as never], leaseMs: options.leaseMs ?? 180_000, pauseAfter: options.pauseAfter });
  }

  /**
   * Returns as soon as the promotion is VALIDATING (the saga is saved with that change, so a crash
   * resumes it); the promotion becomes READY or BLOCKED when the checks finish.
   */
  async submit(claims: Claims, id: string): Promise<PromotionResult> {
    requireScope(claims, PROMOTION_SCOPES.write);
    const { stores, clock } = this.deps;
    const current = await stores.promotions.find(id);
    if (!current) throw notFound('id', `id: no promotion ${id}`);
    if (current.status !== 'DRAFT') throw badUserInput('id', `promotion ${id} is ${current.status}; only a DRAFT promotion can be submitted`);
    const run = current.validation_run + 1;
    const sagaId = `${id}:validate:${run}`;
    // Two callers submitting at once race for the same saga: only the one whose saga was saved hears that it began.
    const submission = randomUUID();
    const started = new Promise<void>((resolve) => this.waiting.set(submission, resolve));
    const saga = this.runner.run<ValidationState>(this.workflow, sagaId, { promotionId: id, run, submission }, {
      beforePersist: async (trx) => {
        const now = clock.now().toISOString();
        const moved = await stores.promotions.transition(trx as never, id, ['DRAFT'], { status: 'VALIDATING', validation_run: run, status_reason: null, submitted_at: now, updated_at: now });
        if (!moved) throw new SubmittedMeanwhile();
      },
    });
    const settled = saga.catch((error) => {
      if (!(error instanceof SubmittedMeanwhile)) this.deps.logger.error({ err: error, promotionId: id }, 'promotion validation failed');
    });
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
    try {
      await Promise.race([started, saga]);
    } catch (error) {
      if (error instanceof SubmittedMeanwhile) return { promotion: toPromotion((await stores.promotions.find(id))!), errors: [{ code: 'CONFLICT', field: 'id', message: `promotion ${id} was submitted or changed by someone else at the same time` }] };
      throw error;
    } finally {
      this.waiting.delete(submission);
    }
    return { promotion: toPromotion((await stores.promotions.find(id))!), errors: [] };
  }

  /** Resumes validations a stopped process left unfinished. */
  start(): void {
    this.runner.start();
  }

  async stop(): Promise<void> {
    await this.runner.stop();
    await Promise.all([...this.inFlight]);
  }
}
