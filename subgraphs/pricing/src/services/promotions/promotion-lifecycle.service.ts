// After validation: schedule a READY promotion (telling replenishment its uplift), or cancel one, reverting any live prices.
import { badUserInput, notFound, type Claims, type Clock, type ServiceEvents, type Webhooks } from '@retail-hub/platform';
import { PROMOTION_CANCELLED, promotionCancelledData, promotionScheduledEvent } from '../../events/promotion-events.js';
import type { PricePublicationService } from '../../publication/price-publication.service.js';
import type { PromotionStores } from '../../store/promotion-stores.js';
import { CANCELLABLE, toPromotion, type PromotionStatus } from './promotion-model.js';
import { PROMOTION_SCOPES, requireScope } from './promotion-scopes.js';
import type { PromotionResult } from './promotion.service.js';

export class PromotionLifecycleService {
  constructor(
    private readonly stores: PromotionStores,
    private readonly events: ServiceEvents,
    private readonly publication: PricePublicationService,
    private readonly webhooks: Webhooks,
    private readonly clock: Clock,
    /** Runs the go-live check at once, so a promotion whose start has passed goes live without waiting for the next poll. */
    private readonly onScheduled: () => void,
  ) {}

  /** READY -> SCHEDULED, with pricing.promotion.scheduled.v1 (SKUs, windows, uplift) in the same transaction. */
  async schedule(claims: Claims, id: string): Promise<PromotionResult> {
    requireScope(claims, PROMOTION_SCOPES.write);
    const current = await this.stores.promotions.find(id);
    if (!current) throw notFound('id', `id: no promotion ${id}`);
    if (current.status !== 'READY') throw badUserInput('id', `promotion ${id} is ${current.status}; only a READY promotion can be scheduled${current.status === 'BLOCKED' ? ' (resolve its exceptions first)' : ''}`);
    const now = this.clock.now().toISOString();
    const row = await this.events.transaction(this.stores.db, async (trx, emit) => {
      const moved = await this.stores.promotions.transition(trx, id, ['READY'], { status: 'SCHEDULED', scheduled_at: now, status_reason: null, updated_at: now });
      if (!moved) return undefined;
      const items = await this.stores.items.items(id, trx);
      const windows = await this.stores.windows.forPromotion(id, trx);
      emit(promotionScheduledEvent(toPromotion(moved), windows, items.map((i) => i.sku), await this.stores.items.exclusions(id, trx), now));
      return moved;
    });
    if (!row) return { promotion: toPromotion((await this.stores.promotions.find(id))!), errors: [{ code: 'CONFLICT', field: 'id', message: `promotion ${id} changed state meanwhile` }] };
    this.onScheduled();
    return { promotion: toPromotion(row), errors: [] };
  }

  /**
   * Any state before ENDED -> CANCELLED. Windows close; where it was live, prices revert and each
   * channel gets the revert batch; pricing.promotion.cancelled.v1 goes out (replenishment drops the uplift).
   */
  async cancel(claims: Claims, id: string, reason: string): Promise<PromotionResult> {
    requireScope(claims, PROMOTION_SCOPES.write);
    const text = reason?.trim() ?? '';
    if (!text || text.length > 500) throw badUserInput('reason', 'say why, in 1 to 500 characters');
    const current = await this.stores.promotions.find(id);
    if (!current) throw notFound('id', `id: no promotion ${id}`);
    if (!CANCELLABLE.includes(current.status as PromotionStatus)) throw badUserInput('id', `promotion ${id} is ${current.status}; only a promotion that has not ended can be cancelled`);
    const now = this.clock.now().toISOString();
    const inputs = await this.publication.loadInputs(id);
    const row = await this.events.transaction(this.stores.db, async (trx, emit) => {
      const moved = await this.stores.promotions.transition(trx, id, CANCELLABLE, { status: 'CANCELLED', cancelled_at: now, status_reason: text, updated_at: now });
      if (!moved) return undefined;
      await this.stores.exceptions.supersedeOpen(trx, id, now);
      const live = await this.stores.windows.closeAll(trx, id, now);
      const previous = current.status as PromotionStatus;
      await this.publication.revertForCancellation(trx, inputs, previous, text, live.sort());
      emit({ type: PROMOTION_CANCELLED, subject: id, data: promotionCancelledData(id, previous, text, live.sort(), now) });
      return moved;
    });
    if (!row) return { promotion: toPromotion((await this.stores.promotions.find(id))!), errors: [{ code: 'CONFLICT', field: 'id', message: `promotion ${id} ended or was cancelled meanwhile` }] };
    this.webhooks.kick();
    return { promotion: toPromotion(row), errors: [] };
  }
}
