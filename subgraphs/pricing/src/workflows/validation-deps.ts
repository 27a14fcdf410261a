// What the validation steps share: the promotion stores, the catalog through the graph, the clock, readiness of the inputs.
import type { Clock, Logger } from '@retail-hub/platform';
import type { Insertable } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { FoundException } from '../services/promotions/promotion-model.js';
import type { CatalogGraphSource } from '../sources/catalog.graph-source.js';
import type { PromotionExceptionTable } from '../store/promotion-tables.js';
import type { PromotionStores } from '../store/promotion-stores.js';

export interface ValidationState {
  promotionId: string;
  /** The validation run (the promotion's validation_run when submitted); exceptions belong to it. */
  run: number;
  /** Targeted SKUs the catalog does not have (found by resolve-targets, reported by check-eligibility). */
  missingSkus?: string[];
  /** Names the submission that started this saga, so only its caller hears that it began. */
  submission?: string;
}

export interface ValidationDeps {
  stores: PromotionStores;
  catalog: CatalogGraphSource;
  clock: Clock;
  logger: Logger;
  /** The online fulfilment centre (ECOMMERCE and MOBILE); null: the first ECOM_FC location. */
  onlineLocationId: string | null;
  /** Baseline demand and the stock view are loaded (the stock check waits for both). */
  inputsReady: () => Promise<{ demand: boolean; stock: boolean }>;
  /** How long the stock check waits for them. @default 120000 */
  inputsWaitMs?: number;
  /** Called when a validation's first step starts (its saga has been saved), with the submission that started it. */
  onBegun: (submission: string) => void;
}

/** Rows for exceptions one check found in one run. */
export function exceptionRows(state: ValidationState, found: readonly FoundException[], at: string): Insertable<PromotionExceptionTable>[] {
  return found.map((e) => ({
    id: `PEX-${randomBytes(6).toString('hex').toUpperCase()}`,
    promotion_id: state.promotionId,
    validation_run: state.run,
    code: e.code,
    sku: e.sku,
    location_id: e.locationId,
    channel: e.channel,
    message: e.message,
    shortfall: e.shortfall,
    status: 'OPEN',
    resolution: null,
    reason: null,
    resolved_by: null,
    resolved_at: null,
    created_at: at,
  }));
}

/** Replaces what one check wrote in this run: safe to run again after a crash. */
export async function writeExceptions(deps: ValidationDeps, state: ValidationState, codes: readonly FoundException['code'][], found: readonly FoundException[]): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.stores.db.transaction().execute(async (trx) => {
    await deps.stores.exceptions.deleteFound(trx, state.promotionId, state.run, codes);
    await deps.stores.exceptions.insertMany(trx, exceptionRows(state, found, at));
  });
}

export async function deleteExceptions(deps: ValidationDeps, state: ValidationState, codes: readonly FoundException['code'][]): Promise<void> {
  await deps.stores.db.transaction().execute((trx) => deps.stores.exceptions.deleteFound(trx, state.promotionId, state.run, codes));
}
