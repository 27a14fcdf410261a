// Brings a SKU's demand block up to a day: every location's series takes each new day's net units (0 when nothing sold).
import { baseRate, SERIES_FIELDS, updateSeries, DEFAULT_FORECAST_PARAMS, type ForecastParams } from './demand-forecast.js';
import { weekdayOf } from './day-index.js';
import { updateWeekdayFactors } from './weekday-factors.js';

export interface FoldableBlock {
  series: Float32Array;
  weekdayFactors: Float64Array;
  throughDay: number;
}

export interface SlotDayUnits {
  slot: number;
  day: number;
  units: number;
}

/**
 * Folds days throughDay+1 .. toDay into the first `slots` series of the block, in place. Units of a day already
 * folded (an order event that arrived after its day was closed) count on the first day folded now, so no sale is
 * lost. `series` must hold at least `slots` series.
 */
export function foldDays(block: FoldableBlock, units: readonly SlotDayUnits[], toDay: number, slots: number, params: ForecastParams = DEFAULT_FORECAST_PARAMS): void {
  if (toDay <= block.throughDay) return;
  const firstDay = block.throughDay + 1;
  const byDay = new Map<number, Float64Array>();
  for (const u of units) {
    if (u.slot >= slots) continue;
    const day = Math.max(u.day, firstDay);
    if (day > toDay) continue;
    const row = byDay.get(day) ?? new Float64Array(slots);
    row[u.slot]! += u.units;
    byDay.set(day, row);
  }
  const none = new Float64Array(slots);
  for (let day = firstDay; day <= toDay; day++) {
    const x = byDay.get(day) ?? none;
    const weekday = weekdayOf(day);
    const factor = block.weekdayFactors[weekday]!;
    let expected = 0;
    let sold = 0;
    for (let slot = 0; slot < slots; slot++) {
      const offset = slot * SERIES_FIELDS;
      expected += baseRate(block.series, offset, params);
      sold += Math.max(0, x[slot]!);
      updateSeries(block.series, offset, x[slot]!, factor, params);
    }
    updateWeekdayFactors(block.weekdayFactors, weekday, sold, expected * factor);
  }
  block.throughDay = toDay;
}
