// Checks a cart to price and merges its duplicate SKUs; bad input is a BAD_USER_INPUT naming the field.
import { badUserInput } from '@retail-hub/platform';

export const MAX_CART_LINES = 200;
export const MAX_LINE_QUANTITY = 9999;

export interface CartLineInput {
  sku: string;
  quantity: number;
}

/** A cart line after merging, with the input index of its first occurrence (errors name it). */
export interface MergedCartLine extends CartLineInput {
  index: number;
}

/**
 * Lines with the same SKU become one line at the position of the first, quantities added: a
 * cart that lists an item twice is the same purchase as listing it once with both quantities.
 */
export function mergeCartLines(lines: readonly CartLineInput[]): MergedCartLine[] {
  if (lines.length === 0) throw badUserInput('input.lines', 'must have at least one line');
  if (lines.length > MAX_CART_LINES) throw badUserInput('input.lines', `at most ${MAX_CART_LINES} lines (got ${lines.length})`);
  const merged = new Map<string, MergedCartLine>();
  lines.forEach((line, index) => {
    const field = `input.lines.${index}.quantity`;
    if (line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY) throw badUserInput(field, `must be between 1 and ${MAX_LINE_QUANTITY} (got ${line.quantity})`);
    const first = merged.get(line.sku);
    if (!first) return void merged.set(line.sku, { sku: line.sku, quantity: line.quantity, index });
    first.quantity += line.quantity;
    if (first.quantity > MAX_LINE_QUANTITY) throw badUserInput(field, `${line.sku} comes to ${first.quantity} units over its lines; at most ${MAX_LINE_QUANTITY}`);
  });
  return [...merged.values()];
}
