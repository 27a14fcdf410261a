// The exception queue: list what validation found, and resolve it; when nothing is left open the promotion is READY.
import { badUserInput, notFound, pageSize, toConnection, decodeCursor, type Claims, type Clock, type Connection } from '@retail-hub/platform';
import type { PromotionStores } from '../../store/promotion-stores.js';
import { toPromotion, toPromotionException, type ExceptionCode, type ExceptionResolution, type ExceptionStatus, type Promotion, type PromotionException } from './promotion-model.js';
import { PROMOTION_SCOPES, requireScope } from './promotion-scopes.js';

export interface ExceptionFilterInput {
  promotionId?: string | null;
  statuses?: ExceptionStatus[] | null;
  codes?: ExceptionCode[] | null;
  sku?: string | null;
  locationId?: string | null;
}

export interface ResolveExceptionResult {
  exception: PromotionException | null;
  promotion: Promotion | null;
  errors: { code: string; message: string; field: string | null }[];
}

export class PromotionExceptionService {
  constructor(private readonly stores: PromotionStores, private readonly clock: Clock) {}

  async list(claims: Claims, filter: ExceptionFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<PromotionException>> {
    requireScope(claims, PROMOTION_SCOPES.read);
    const limit = pageSize(first, 'first', 500);
    const afterSeq = after ? Number(decodeCursor(after, 'after')[0]) : undefined;
    const query = { promotionId: filter?.promotionId ?? undefined, statuses: filter?.statuses ?? undefined, codes: filter?.codes ?? undefined, sku: filter?.sku ?? undefined, locationId: filter?.locationId ?? undefined };
    const rows = await this.stores.exceptions.page(query, afterSeq, limit + 1);
    return toConnection(rows.map(toPromotionException), limit, (e) => [e.seq], () => this.stores.exceptions.count(query), afterSeq !== undefined);
  }

  /**
   * ACCEPT lets the promotion run despite the exception (an approver's call: a margin exception lets
   * the cart go below cost for that SKU); EXCLUDE_ITEM takes the SKU out everywhere; EXCLUDE_LOCATION
   * takes it out at the exception's location; REJECT sends the whole promotion back to DRAFT. An
   * exclusion also settles the other open exceptions it makes moot. All in one transaction that
   * first takes the promotion's row, so concurrent resolutions are serialised and the last one sees
   * that nothing is left open.
   */
  async resolve(claims: Claims, id: string, resolution: ExceptionResolution, reason: string): Promise<ResolveExceptionResult> {
    requireScope(claims, resolution === 'ACCEPT' ? PROMOTION_SCOPES.approve : PROMOTION_SCOPES.write);
    const text = reason?.trim() ?? '';
    if (!text || text.length > 500) throw badUserInput('reason', 'say why, in 1 to 500 characters');
    const found = await this.stores.exceptions.find(id);
    if (!found) throw notFound('id', `id: no promotion exception ${id}`);
    if (resolution === 'ACCEPT' && found.code === 'ITEM_NOT_ELIGIBLE') throw badUserInput('resolution', 'the ERP does not allow this item to be promoted: exclude it or reject the promotion');
    if (resolution === 'EXCLUDE_LOCATION' && !found.location_id) throw badUserInput('resolution', `a ${found.code} exception is about the SKU everywhere, not one location: use EXCLUDE_ITEM`);
    const now = this.clock.now().toISOString();
    const change = { resolution, reason: text, resolvedBy: claims.sub, at: now };
    const outcome = await this.stores.db.transaction().execute(async (trx) => {
      const promotion = await this.stores.promotions.transition(trx, found.promotion_id, ['BLOCKED'], { updated_at: now });
      // A concurrent exclusion that covered this exception and settled the last open one moved the promotion on from
      // BLOCKED before this resolution took its row: what the caller needs to hear is that its exception is settled.
      if (!promotion) return (await this.stores.exceptions.find(id, trx))?.status === 'RESOLVED' ? ('ALREADY_RESOLVED' as const) : ('NOT_BLOCKED' as const);
      if (!(await this.stores.exceptions.resolve(trx, id, change))) return 'ALREADY_RESOLVED' as const;
      const { promotion_id: promotionId, sku, location_id: locationId } = found;
      if (resolution === 'ACCEPT' && found.code === 'MARGIN_BREACH') await this.stores.items.approveMargin(trx, promotionId, sku);
      if (resolution === 'EXCLUDE_ITEM') {
        await this.stores.items.exclude(trx, promotionId, sku);
        await this.stores.exceptions.resolveCovered(trx, promotionId, sku, null, { ...change, reason: `covered by ${id}: ${text}` });
      }
      if (resolution === 'EXCLUDE_LOCATION') {
        await this.stores.items.excludeAtLocation(trx, promotionId, sku, locationId!);
        await this.stores.exceptions.resolveCovered(trx, promotionId, sku, locationId, { ...change, reason: `covered by ${id}: ${text}` });
      }
      if (resolution === 'REJECT') {
        await this.stores.exceptions.supersedeOpen(trx, promotionId, now);
        await this.stores.promotions.transition(trx, promotionId, ['BLOCKED'], { status: 'DRAFT', status_reason: `rejected (${found.code} on ${sku}): ${text}`, updated_at: now });
      } else if ((await this.stores.exceptions.openCount(trx, promotionId)) === 0) {
        const left = (await this.stores.items.items(promotionId, trx)).length;
        await this.stores.promotions.transition(trx, promotionId, ['BLOCKED'], left > 0 ? { status: 'READY', status_reason: null, updated_at: now } : { status: 'DRAFT', status_reason: 'every item was excluded', updated_at: now });
      }
      return 'RESOLVED' as const;
    });
    const exception = toPromotionException((await this.stores.exceptions.find(id))!);
    const promotion = toPromotion((await this.stores.promotions.find(found.promotion_id))!);
    if (outcome === 'RESOLVED') return { exception, promotion, errors: [] };
    const message = outcome === 'ALREADY_RESOLVED' ? `exception ${id} was already resolved (${exception.resolution ?? exception.status})` : `promotion ${promotion.id} is ${promotion.status}; exceptions are resolved while it is BLOCKED`;
    return { exception, promotion, errors: [{ code: outcome, field: 'id', message }] };
  }
}
