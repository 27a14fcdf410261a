// Retail price arithmetic in cents: charm endings (.49/.99), margins in basis points, and a floor at the minimum margin.

/** Prices under this get .49 or .99; above it only .99 (a $24.49 shelf tag looks odd to shoppers). */
const HALF_DOLLAR_ENDINGS_BELOW = 1000;

/** Rounds a price to a charm ending: `down` never exceeds the input, `up` never falls below it. */
export function withPriceEnding(cents: number, direction: 'nearest' | 'up' | 'down' = 'nearest'): number {
  const step = cents < HALF_DOLLAR_ENDINGS_BELOW ? 50 : 100;
  // Endings sit one cent below each step: 49, 99, 149... (or 99, 199... for whole-dollar steps).
  const below = Math.floor((cents + 1) / step) * step - 1;
  const above = Math.ceil((cents + 1) / step) * step - 1;
  const lowest = step - 1;
  if (direction === 'down') return Math.max(below, lowest);
  if (direction === 'up') return Math.max(above, lowest);
  return Math.max(cents - below <= above - cents ? below : above, lowest);
}

/** Gross margin of a price over a cost, in basis points of the price (2500 = 25%). */
export function marginBp(priceCents: number, costCents: number): number {
  return priceCents <= 0 ? -Infinity : ((priceCents - costCents) * 10_000) / priceCents;
}

/** True when the price leaves at least the category's minimum margin over cost. */
export function clearsMinMargin(priceCents: number, costCents: number, minMarginBp: number): boolean {
  return (priceCents - costCents) * 10_000 >= minMarginBp * priceCents;
}
