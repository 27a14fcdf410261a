// How exclusive promotions compete with each other and with the stackable ones: the best deal for the customer wins its lines.
import type { EngineAdjustment, EngineLine } from './engine-model.js';
import { evaluateStack, stackOrder, type Candidate, type StackResult } from './stack-evaluator.js';

/**
 * The rule:
 * 1. Stackable promotions combine: they apply one after another (stackOrder), each on what the
 *    earlier ones left.
 * 2. An exclusive promotion never combines: on the lines it takes money off, it is the only one.
 * 3. Exclusive promotions compete for lines by what each saves alone: the biggest saving first
 *    (ties: higher priority, then smaller id). One takes its lines if none of them is taken yet and
 *    the cart saves at least as much with it (it alone on its lines, the stackable ones on the rest)
 *    as with the stackable ones on all the lines it would take.
 * 4. The stackable promotions then apply to the lines no exclusive promotion took.
 * Lines are handled by SKU in sorted order throughout, so the outcome does not depend on line order.
 */
export function resolvePromotions(lines: readonly EngineLine[], candidates: readonly Candidate[]): Map<string, EngineAdjustment[]> {
  const stackable = candidates.filter((c) => c.promotion.stacking === 'STACKABLE').sort(stackOrder);
  // Most lines have no exclusive promotion: nothing competes, the stackable ones simply apply.
  if (stackable.length === candidates.length) return evaluateStack(lines, stackable).adjustments;
  const exclusive = candidates
    .filter((c) => c.promotion.stacking === 'EXCLUSIVE')
    .map((candidate) => ({ candidate, alone: evaluateStack(lines, [candidate]) }))
    .filter((e) => e.alone.total > 0)
    .sort((a, b) => b.alone.total - a.alone.total || b.candidate.promotion.priority - a.candidate.promotion.priority || compareIds(a.candidate.promotion.id, b.candidate.promotion.id));

  const claimed = new Set<string>();
  const taken: StackResult[] = [];
  for (const { alone } of exclusive) {
    const its = [...alone.adjustments.keys()];
    if (its.some((sku) => claimed.has(sku))) continue;
    const open = lines.filter((l) => !claimed.has(l.sku));
    const without = evaluateStack(open, stackable).total;
    const withIt = alone.total + evaluateStack(open.filter((l) => !alone.adjustments.has(l.sku)), stackable).total;
    if (withIt < without) continue;
    taken.push(alone);
    for (const sku of its) claimed.add(sku);
  }
  const rest = evaluateStack(lines.filter((l) => !claimed.has(l.sku)), stackable);
  const result = new Map<string, EngineAdjustment[]>();
  for (const part of [...taken, rest]) for (const [sku, adjustments] of part.adjustments) result.set(sku, [...(result.get(sku) ?? []), ...adjustments]);
  return result;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
