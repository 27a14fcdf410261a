// The pricing engine's plain data: promotions, cart lines and what the engine says about each line.

export type PromotionType = 'PERCENT_OFF' | 'AMOUNT_OFF' | 'FIXED_PRICE' | 'BUY_X_GET_Y' | 'MULTIBUY' | 'SPEND_THRESHOLD';
export type StackingMode = 'EXCLUSIVE' | 'STACKABLE';

export const PROMOTION_TYPES: readonly PromotionType[] = ['PERCENT_OFF', 'AMOUNT_OFF', 'FIXED_PRICE', 'BUY_X_GET_Y', 'MULTIBUY', 'SPEND_THRESHOLD'];
/** Types that lower the price of every unit: they are the shelf price (Product.price) and apply first. */
export const UNIT_PRICE_TYPES: ReadonlySet<PromotionType> = new Set(['PERCENT_OFF', 'AMOUNT_OFF', 'FIXED_PRICE']);

/** The deal. Amounts are integers in the currency's minor unit; which fields are set depends on the type. */
export interface PromotionRule {
  currency: string;
  /** PERCENT_OFF: basis points of the unit price, 1..10000 (12.5% is 1250). */
  percentOffBp?: number;
  /** AMOUNT_OFF: off each unit. */
  amountOff?: number;
  /** FIXED_PRICE: each unit sells for this. */
  fixedPrice?: number;
  /** BUY_X_GET_Y: in every group of buy + get units, the get cheapest are free. */
  buyQuantity?: number;
  getQuantity?: number;
  /** MULTIBUY: every bundleQuantity units cost bundlePrice together. */
  bundleQuantity?: number;
  bundlePrice?: number;
  /** SPEND_THRESHOLD: spend at least spendThreshold on the targeted items, save spendDiscount (once per cart). */
  spendThreshold?: number;
  spendDiscount?: number;
}

export interface PromotionTargets {
  skus?: readonly string[];
  categoryIds?: readonly string[];
  brands?: readonly string[];
  excludeSkus?: readonly string[];
  excludeCategoryIds?: readonly string[];
  excludeBrands?: readonly string[];
}

export interface EnginePromotion {
  id: string;
  type: PromotionType;
  rule: PromotionRule;
  stacking: StackingMode;
  /** Higher applies first among stackable promotions and wins ties among exclusive ones. */
  priority: number;
  /** What the receipt says, e.g. "3 for $10.00". */
  description: string;
  targets: PromotionTargets;
  /** SKUs whose margin exception was approved: this promotion may take their lines below cost. */
  marginApprovedSkus?: ReadonlySet<string>;
}

export interface EngineLine {
  sku: string;
  quantity: number;
  /** The regular (list) price of one unit, in minor units. */
  unitPrice: number;
  /** What one unit costs the retailer; no promotion takes a line below it unless its margin exception was approved. */
  unitCost?: number | null;
  /** The line's category and its parents (category targets match any of them). */
  categoryIds?: readonly string[];
  brand?: string | null;
}

export interface EngineAdjustment {
  promotionId: string;
  description: string;
  /** Minor units taken off the line (positive). */
  amount: number;
}

export interface LineOutcome {
  sku: string;
  /** In the order the promotions applied. */
  adjustments: EngineAdjustment[];
  /** The sum of the adjustments. */
  discount: number;
}
