// Applies a set of promotions together, phase by phase, each on what the earlier ones left of every line.
import { CALCULATORS, PHASE } from './calculators/calculator-registry.js';
import type { CalcLine } from './calculators/calculator.js';
import type { EngineAdjustment, EngineLine, EnginePromotion } from './engine-model.js';

export interface Candidate {
  promotion: EnginePromotion;
  /** The SKUs it targets in this cart. */
  skus: ReadonlySet<string>;
}

export interface StackResult {
  /** Adjustments per SKU, in application order; only lines that got money off appear. */
  adjustments: Map<string, EngineAdjustment[]>;
  total: number;
}

/** Unit prices, then groups of units, then cart spend; within a phase higher priority first, then id. */
export function stackOrder(a: Candidate, b: Candidate): number {
  const pa = a.promotion;
  const pb = b.promotion;
  return PHASE[pa.type] - PHASE[pb.type] || pb.priority - pa.priority || (pa.id < pb.id ? -1 : pa.id > pb.id ? 1 : 0);
}

/** `lines` must be unique by SKU; `candidates` in stackOrder. */
export function evaluateStack(lines: readonly EngineLine[], candidates: readonly Candidate[]): StackResult {
  const state = new Map<string, CalcLine>(lines.map((l) => [l.sku, { sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice, remaining: l.unitPrice * l.quantity }]));
  const adjustments = new Map<string, EngineAdjustment[]>();
  let total = 0;
  for (const { promotion, skus } of candidates) {
    const targeted: CalcLine[] = [];
    for (const sku of skus) {
      const line = state.get(sku);
      if (line && line.remaining > 0) targeted.push({ ...line });
    }
    if (targeted.length === 0) continue;
    const unitPhase = PHASE[promotion.type] === 0;
    for (const [sku, raw] of CALCULATORS[promotion.type](promotion.rule, targeted)) {
      const line = state.get(sku)!;
      const amount = Math.min(raw, line.remaining);
      if (amount <= 0) continue;
      line.remaining -= amount;
      // Unit-price promotions lower every unit alike (amount is a multiple of the quantity).
      if (unitPhase) line.unitPrice -= amount / line.quantity;
      const list = adjustments.get(sku) ?? [];
      list.push({ promotionId: promotion.id, description: promotion.description, amount });
      adjustments.set(sku, list);
      total += amount;
    }
  }
  return { adjustments, total };
}
