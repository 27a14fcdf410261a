// The orders service's own settings, each with its default; the launcher fills them from the hub's configuration.

export interface OrdersSettings {
  /** How long an unpaid (BANK_TRANSFER) order's stock stays held waiting for its payment. @default 24 h */
  paymentWindowMs?: number;
  /** A placement saga untouched this long is taken over by recovery (its process died). @default 30_000 */
  sagaLeaseMs?: number;
  /** How often recovery looks for such sagas. @default 1000 */
  sagaRecoveryIntervalMs?: number;
  /** Idempotency keys (and finished sagas) are kept this long, then deleted. @default 24 h */
  idempotencyRetentionMs?: number;
  /** direct: placement calls pricing and inventory without the gateway hop when it can (docs/decisions/0005). @default direct */
  calls?: 'direct' | 'gateway';
  /** Test-only (HUB_TEST_PAUSE_SAGA_AT): live placements stop for good after this step, so a test can kill the process there. */
  testPauseSagaAt?: string;
}

export const DAY_MS = 86_400_000;
