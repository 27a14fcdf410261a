// How many days of demand a horizon holds: weekday factors summed day by day, promotion uplift applied inside its window.
import { weekdayOf } from './day-index.js';

/** A promotion's effect on demand: from startDay to endDay (day indexes, inclusive), demand is multiplied by uplift. */
export interface UpliftWindow {
  promotionId: string;
  startDay: number;
  endDay: number;
  /** A multiplier, e.g. 1.8 for +80%. */
  uplift: number;
}

/**
 * The sum of weekday factors over days firstDay .. firstDay + days - 1: forecast demand over those days is
 * rate x weight. Where promotion windows cover a day its factor is multiplied by the largest uplift among them.
 */
export function horizonWeight(factors: ArrayLike<number>, firstDay: number, days: number, windows: readonly UpliftWindow[] = []): number {
  let weight = 0;
  for (let k = 0; k < days; k++) {
    const day = firstDay + k;
    let uplift = 1;
    for (const w of windows) if (day >= w.startDay && day <= w.endDay && w.uplift > uplift) uplift = w.uplift;
    weight += factors[weekdayOf(day)]! * uplift;
  }
  return weight;
}
