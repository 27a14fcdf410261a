// Publishes a promotion's go-live, end and cancellation per location: state, price changes, webhook batches and events in one transaction.
import type { Clock, Logger, ServiceEvents, Webhooks } from '@retail-hub/platform';
import type { Transaction } from 'kysely';
import { PROMOTION_CANCELLED, PROMOTION_ENDED, PROMOTION_STARTED, promotionCancelledData, promotionEndedData, promotionStartedData } from '../events/promotion-events.js';
import type { PromotionStatus } from '../services/promotions/promotion-model.js';
import type { PricingDatabase } from '../store/pricing-tables.js';
import type { PromotionLocationRow } from '../store/promotion-location.repository.js';
import type { PromotionStores } from '../store/promotion-stores.js';
import type { PricePublicationRow } from '../store/publication.repository.js';
import { changeGroupKey, loadPublicationInputs, skusAt, type PublicationInputs } from './publication-inputs.js';
import { unitPriceChanges } from './price-changes.js';
import { publicationMessages } from './publication-routing.js';

export type PublicationPhase = 'STARTED' | 'ENDED' | 'CANCELLED';

export class PricePublicationService {
  constructor(private readonly stores: PromotionStores, private readonly events: ServiceEvents, private readonly webhooks: Webhooks, private readonly clock: Clock, private readonly logger: Logger) {}

  /**
   * Goes live at these locations: marks their windows live (only the ones still waiting, so two
   * passes never publish twice), SCHEDULED -> LIVE on the first, and queues each location's batch
   * to its POS (stores) or to ecommerce and mobile (the online centre), and to analytics.
   */
  async publishStarts(promotionId: string, locationIds: readonly string[]): Promise<string[]> {
    const inputs = await loadPublicationInputs(this.stores, promotionId);
    const now = this.clock.now();
    const at = now.toISOString();
    const built = this.build(inputs, locationIds, 'STARTED', now);
    const claimed = await this.events.transaction(this.stores.db, async (trx, emit) => {
      if (!(await this.stores.promotions.transition(trx, promotionId, ['SCHEDULED', 'LIVE'], { status: 'LIVE', updated_at: at }))) return [];
      const mine = new Set(await this.stores.windows.markLive(trx, promotionId, locationIds, at));
      await this.write(trx, inputs, built.filter((p) => mine.has(p.location_id)));
      const windows = [...mine].sort().map((id) => inputs.windows.get(id)!);
      if (windows.length) emit({ type: PROMOTION_STARTED, subject: promotionId, data: promotionStartedData(inputs.promotion, windows, inputs.items.map((i) => i.sku), this.exclusionsAt(inputs, mine), at) });
      return [...mine];
    });
    if (claimed.length) this.webhooks.kick();
    return claimed;
  }

  /** Ends at these locations: prices revert; the promotion is ENDED once every window has closed. */
  async publishEnds(promotionId: string, locationIds: readonly string[]): Promise<string[]> {
    const inputs = await loadPublicationInputs(this.stores, promotionId);
    const now = this.clock.now();
    const at = now.toISOString();
    // Prices revert to what holds just before the end (the other promotions still running then).
    const built = this.build(inputs, locationIds, 'ENDED', new Date(now.getTime() - 1));
    const claimed = await this.events.transaction(this.stores.db, async (trx, emit) => {
      const mine = await this.stores.windows.markEnded(trx, promotionId, locationIds, at);
      if (mine.length === 0) return [];
      const ids = new Set(mine);
      await this.write(trx, inputs, built.filter((p) => ids.has(p.location_id)));
      const final = (await this.stores.windows.openCount(trx, promotionId)) === 0;
      if (final) await this.stores.promotions.transition(trx, promotionId, ['LIVE', 'SCHEDULED'], { status: 'ENDED', ended_at: at, updated_at: at });
      emit({ type: PROMOTION_ENDED, subject: promotionId, data: promotionEndedData(promotionId, mine.sort(), final, at) });
      return mine;
    });
    if (claimed.length) this.webhooks.kick();
    return claimed;
  }

  /** Windows that opened and closed before anyone published them (the clock jumped past both): nothing to show, nothing to revert. */
  async skipWindows(promotionId: string, locationIds: readonly string[]): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.events.transaction(this.stores.db, async (trx, emit) => {
      await this.stores.windows.markLive(trx, promotionId, locationIds, at);
      const ended = await this.stores.windows.markEnded(trx, promotionId, locationIds, at);
      if (ended.length === 0 || (await this.stores.windows.openCount(trx, promotionId)) > 0) return;
      if (await this.stores.promotions.transition(trx, promotionId, ['LIVE', 'SCHEDULED'], { status: 'ENDED', ended_at: at, updated_at: at })) {
        emit({ type: PROMOTION_ENDED, subject: promotionId, data: promotionEndedData(promotionId, ended.sort(), true, at) });
      }
    });
  }

  /** What a cancellation reverts from; read before its transaction (SQLite has one connection, held by the transaction). */
  loadInputs(promotionId: string): Promise<PublicationInputs> {
    return loadPublicationInputs(this.stores, promotionId);
  }

  /** Inside a cancellation's transaction: reverts the locations where it was live, and tells their channels why. */
  async revertForCancellation(trx: Transaction<PricingDatabase>, inputs: PublicationInputs, previousStatus: PromotionStatus, reason: string, liveLocationIds: readonly string[]): Promise<void> {
    if (liveLocationIds.length === 0) return;
    const promotionId = inputs.promotion.id;
    const publications = this.build(inputs, liveLocationIds, 'CANCELLED', this.clock.now(), (locationId, at) => promotionCancelledData(promotionId, previousStatus, reason, [locationId], at));
    await this.write(trx, inputs, publications);
  }

  private build(inputs: PublicationInputs, locationIds: readonly string[], phase: PublicationPhase, pricesAt: Date, cancelled?: (locationId: string, at: string) => unknown): PricePublicationRow[] {
    const at = this.clock.now().toISOString();
    const memo = new Map<string, [number, number]>();
    // Locations alike in everything the changes depend on (region, channels, other promotions, exclusions) share one computation.
    const groups = new Map<string, { changes: string; skus: string[] }>();
    return locationIds.map((locationId) => {
      const window = inputs.windows.get(locationId)!;
      const key = changeGroupKey(inputs, window, pricesAt);
      let group = groups.get(key);
      if (!group) {
        const changes = unitPriceChanges(inputs.engine, skusAt(inputs, window, pricesAt), phase === 'STARTED' ? 'start' : 'end', memo);
        const skus = inputs.items.map((i) => i.sku).filter((sku) => !inputs.excluded.has(`${sku}|${locationId}`));
        groups.set(key, (group = { changes: JSON.stringify(changes), skus }));
      }
      const event =
        phase === 'STARTED'
          ? promotionStartedData(inputs.promotion, [window], group.skus, [], at)
          : phase === 'ENDED'
            ? promotionEndedData(inputs.promotion.id, [locationId], false, at)
            : cancelled!(locationId, at);
      return { id: `PUB-${inputs.promotion.id}-${phase}-${locationId}`, promotion_id: inputs.promotion.id, location_id: locationId, phase, published_at: at, changes: group.changes, currency: inputs.promotion.rule.currency, promotion_event: JSON.stringify(event) };
    });
  }

  private async write(trx: Transaction<PricingDatabase>, inputs: PublicationInputs, publications: readonly PricePublicationRow[]): Promise<void> {
    if (publications.length === 0) return;
    await this.stores.publications.insert(trx, publications);
    const messages = await publicationMessages(this.webhooks, trx, inputs.promotion.channels, publications.map((p) => ({ publication: p, window: inputs.windows.get(p.location_id)! as PromotionLocationRow })));
    await this.webhooks.enqueue(trx, messages);
    this.logger.info({ promotionId: inputs.promotion.id, locations: publications.length, messages: messages.length, phase: publications[0]!.phase }, 'promotion prices published');
  }

  private exclusionsAt(inputs: PublicationInputs, locations: ReadonlySet<string>): { sku: string; locationId: string }[] {
    return [...inputs.excluded].map((k) => k.split('|') as [string, string]).filter(([, l]) => locations.has(l)).map(([sku, locationId]) => ({ sku, locationId }));
  }
}

export const PUBLICATION_EVENT_TYPES: Record<PublicationPhase, string> = { STARTED: PROMOTION_STARTED, ENDED: PROMOTION_ENDED, CANCELLED: PROMOTION_CANCELLED };
