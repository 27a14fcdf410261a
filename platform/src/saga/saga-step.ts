// What a workflow is made of: named steps, each with the work it does and how to undo it.
import type { AnyTransaction } from '../store/transaction.js';

export interface SagaContext {
  sagaId: string;
  /** True when this run continues a saga a process that died had started (recovery). */
  resumed: boolean;
}

export interface SagaStep<S> {
  /** Kebab-case, e.g. `reserve-stock`; also the name the test pause switch uses. */
  name: string;
  /**
   * Does the step's work and returns what it adds to the state (saved with the saga). It must be
   * safe to run again: after a crash it runs once more unless its outcome had been saved.
   */
  run(state: S, ctx: SagaContext): Promise<Partial<S> | void>;
  /**
   * Undoes run. Called for a step that finished or may have started when a later step (or this
   * one) failed; it must be idempotent and succeed when there is nothing to undo.
   */
  compensate?(state: S, ctx: SagaContext): Promise<void>;
  /** Save the state after this step. Steps with no effects can skip it (a crash simply runs them again). @default true */
  checkpoint?: boolean;
}

export interface Workflow<S> {
  /** Stored with each saga, so recovery knows which steps to continue with. */
  name: string;
  steps: SagaStep<S>[];
  /** Runs after compensation has undone everything (live runs and recovery alike), e.g. to record the outcome. */
  onCompensated?(state: S, error: SagaError, ctx: SagaContext): Promise<void>;
  /**
   * Runs when recovery gives up on a saga (too many recoveries) and leaves it FAILED for a person, e.g. to give
   * whoever waits on it a definite answer. What was done is not undone. It may run again (a crash before the saga
   * is marked FAILED), so it must be idempotent.
   */
  onFailed?(state: S, ctx: SagaContext): Promise<void>;
}

/** Why a saga was compensated, as saved with it. */
export interface SagaError {
  message: string;
  /** Set when a step aborted on purpose (SagaAbort): the business outcome the caller gets. */
  outcome?: unknown;
  /** The GraphQL error code of an unexpected failure, when it had one. */
  code?: string;
}

/**
 * Thrown by a step for an expected business outcome (e.g. not enough stock): the steps before it
 * are compensated and the caller gets `outcome`, without the error being logged as a fault. A
 * step throws it only when it changed nothing (inventory refused the whole hold, say), so the
 * aborting step itself is not compensated.
 */
export class SagaAbort extends Error {
  constructor(readonly outcome: unknown, message = 'saga aborted') {
    super(message);
    this.name = 'SagaAbort';
  }
}

export type SagaOutcome<S> =
  | { status: 'completed'; state: S }
  /** Every step was undone (or undoing goes on in recovery when `pending`). */
  | { status: 'compensated'; state: S; error: SagaError; pending: boolean };

/** What a caller can write in the transaction that first saves the saga (e.g. claim an idempotency key); throw to refuse. */
export type BeforePersist = (trx: AnyTransaction) => Promise<void>;
