// Defining promotions: create and edit (DRAFT or BLOCKED only), read one, page through them.
import { randomBytes } from 'node:crypto';
import { badUserInput, decodeCursor, notFound, pageSize, toConnection, type Claims, type Clock, type Connection } from '@retail-hub/platform';
import type { CatalogGraphSource } from '../../sources/catalog.graph-source.js';
import type { PromotionStores } from '../../store/promotion-stores.js';
import { toPricingLocation } from '../pricing-model.js';
import { checkPromotionInput, type PromotionInput, type PromotionInputLookups } from './promotion-input.js';
import { definitionColumns, EDITABLE, toPromotion, type Promotion, type PromotionStatus } from './promotion-model.js';
import { PROMOTION_SCOPES, requireScope } from './promotion-scopes.js';

export interface PromotionResult {
  promotion: Promotion | null;
  errors: { code: string; message: string; field: string | null }[];
}

export interface PromotionFilterInput {
  statuses?: PromotionStatus[] | null;
  sku?: string | null;
  search?: string | null;
}

const RULE_FIELDS = ['percentOff', 'amountOff', 'fixedPrice', 'buyQuantity', 'getQuantity', 'bundleQuantity', 'bundlePrice', 'spendThreshold', 'spendDiscount'] as const;

export class PromotionService {
  constructor(private readonly stores: PromotionStores, private readonly catalog: CatalogGraphSource, private readonly clock: Clock) {}

  async create(claims: Claims, input: PromotionInput): Promise<PromotionResult> {
    requireScope(claims, PROMOTION_SCOPES.write);
    const definition = await checkPromotionInput(input, this.lookups());
    const now = this.clock.now().toISOString();
    const id = `PROMO-${randomBytes(5).toString('hex').toUpperCase()}`;
    await this.stores.promotions.insert(this.stores.db, {
      id,
      ...definitionColumns(definition),
      status: 'DRAFT',
      status_reason: null,
      validation_run: 0,
      version: 1,
      created_by: claims.sub,
      created_at: now,
      updated_at: now,
      submitted_at: null,
      scheduled_at: null,
      cancelled_at: null,
      ended_at: null,
    });
    return { promotion: await this.get(id), errors: [] };
  }

  /**
   * Changes what a DRAFT or BLOCKED promotion is; fields left out keep their value (changing the
   * type drops the old type's deal fields). A BLOCKED promotion goes back to DRAFT: its exceptions
   * were about the old definition, so it must be submitted again.
   */
  async update(claims: Claims, id: string, input: PromotionInput): Promise<PromotionResult> {
    requireScope(claims, PROMOTION_SCOPES.write);
    const current = await this.require(id);
    if (!EDITABLE.includes(current.status)) throw badUserInput('id', `promotion ${id} is ${current.status}; only DRAFT or BLOCKED promotions can be edited`);
    const base: PromotionInput = toInput(current);
    if (input.type && input.type !== current.type) for (const f of RULE_FIELDS) base[f] = null;
    const merged = { ...base, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as PromotionInput;
    const definition = await checkPromotionInput(merged, this.lookups());
    const now = this.clock.now().toISOString();
    const updated = await this.stores.db.transaction().execute(async (trx) => {
      const row = await this.stores.promotions.transition(trx, id, EDITABLE, { ...definitionColumns(definition), status: 'DRAFT', status_reason: null, updated_at: now });
      if (row) await this.stores.exceptions.supersedeOpen(trx, id, now);
      return row;
    });
    if (!updated) return { promotion: await this.get(id), errors: [{ code: 'CONFLICT', field: 'id', message: `promotion ${id} changed state while it was being edited; reload and try again` }] };
    return { promotion: toPromotion(updated), errors: [] };
  }

  async get(id: string): Promise<Promotion | null> {
    const row = await this.stores.promotions.find(id);
    return row ? toPromotion(row) : null;
  }

  async require(id: string, field = 'id'): Promise<Promotion> {
    const promotion = await this.get(id);
    if (!promotion) throw notFound(field, `${field}: no promotion ${id}`);
    return promotion;
  }

  async list(claims: Claims, filter: PromotionFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<Promotion>> {
    requireScope(claims, PROMOTION_SCOPES.read);
    const limit = pageSize(first);
    const cursor = after ? decodeCursor(after, 'after', 2).map(String) : undefined;
    const query = { statuses: filter?.statuses ?? undefined, sku: filter?.sku ?? undefined, search: filter?.search?.trim() || undefined };
    const rows = await this.stores.promotions.page(query, cursor ? { createdAt: cursor[0]!, id: cursor[1]! } : undefined, limit + 1);
    return toConnection(rows.map(toPromotion), limit, (p) => [p.createdAt, p.id], () => this.stores.promotions.count(query), Boolean(cursor));
  }

  /** What input checks look up: SKUs with a price here, categories and brands in the catalog (graph), locations here. */
  lookups(): PromotionInputLookups {
    return {
      unknownSkus: async (skus) => {
        const known = new Set((await this.stores.listPrices.findBySkus(skus)).map((r) => r.sku));
        return new Set(skus.filter((s) => !known.has(s)));
      },
      unknownCategoryIds: (ids) => this.catalog.unknownCategoryIds(ids),
      unknownBrands: (brands) => this.catalog.unknownBrands(brands),
      locations: async () => (await this.stores.locations.all()).map(toPricingLocation),
      now: () => this.clock.now(),
    };
  }
}

function toInput(p: Promotion): PromotionInput {
  const r = p.rule;
  return {
    name: p.name,
    description: p.description,
    type: p.type,
    percentOff: r.percentOffBp !== undefined ? r.percentOffBp / 100 : null,
    amountOff: r.amountOff ?? null,
    fixedPrice: r.fixedPrice ?? null,
    buyQuantity: r.buyQuantity ?? null,
    getQuantity: r.getQuantity ?? null,
    bundleQuantity: r.bundleQuantity ?? null,
    bundlePrice: r.bundlePrice ?? null,
    spendThreshold: r.spendThreshold ?? null,
    spendDiscount: r.spendDiscount ?? null,
    currency: r.currency,
    targets: { ...p.targets, skus: [...(p.targets.skus ?? [])], categoryIds: [...(p.targets.categoryIds ?? [])], brands: [...(p.targets.brands ?? [])], excludeSkus: [...(p.targets.excludeSkus ?? [])], excludeCategoryIds: [...(p.targets.excludeCategoryIds ?? [])], excludeBrands: [...(p.targets.excludeBrands ?? [])] },
    channels: p.channels,
    locations: p.locations,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    expectedUplift: p.expectedUplift,
    priority: p.priority,
    stacking: p.stacking,
  };
}
