// The demand forecast of one SKU at one location: a smoothed daily level with weekday factors, Croston/SBA when sales are intermittent.
//
// Method (documented in docs/replenishment.md):
// - Every day each series is updated with that day's net units x and the SKU's weekday factor f (mean 1):
//     error  = x - rate * f                        (one-step forecast error; not counted on a series' first day)
//     mse    = beta * error^2 + (1 - beta) * mse
//     level  = alpha * x / f + (1 - alpha) * level (first day: x / f)   -- deseasonalised exponentially weighted average
//     since  = since + 1
//     if x > 0: size = alpha * x + (1 - alpha) * size, interval = alpha * since + (1 - alpha) * interval, since = 0
//               (first sale: size = x, interval = since)                 -- Croston
// - rate (units a day on an average weekday) is the level, unless sales are intermittent (interval > 1.32 days,
//   Syntetos-Boylan's cut-off), then Croston with the SBA correction: (1 - alpha / 2) * size / interval.
// - The forecast for day d is rate * f[weekday(d)]; the standard deviation of daily demand is sqrt(mse).

export interface ForecastParams {
  /** Smoothing of the level and of Croston's size and interval. @default 0.1 */
  alpha: number;
  /** Smoothing of the squared forecast error. @default 0.1 */
  beta: number;
  /** Mean days between sales above which a series counts as intermittent. @default 1.32 */
  intermittentInterval: number;
}

export const DEFAULT_FORECAST_PARAMS: Readonly<ForecastParams> = { alpha: 0.1, beta: 0.1, intermittentInterval: 1.32 };

/** A series' state: this many numbers, at `offset` in a Float32Array (stored) or Float64Array (tests). */
export const SERIES_FIELDS = 6;
const LEVEL = 0;
const MSE = 1;
const SIZE = 2;
const INTERVAL = 3;
const SINCE = 4;
const DAYS = 5;

export type SeriesArray = Float32Array | Float64Array;

/** Units a day on an average weekday: the level, or Croston-SBA for an intermittent series; 0 before any data. */
export function baseRate(state: SeriesArray, offset: number, params: ForecastParams = DEFAULT_FORECAST_PARAMS): number {
  const size = state[offset + SIZE]!;
  const interval = state[offset + INTERVAL]!;
  if (size > 0 && interval > params.intermittentInterval) return ((1 - params.alpha / 2) * size) / interval;
  return state[offset + LEVEL]!;
}

/** The standard deviation of one day's demand around its forecast. */
export function dailyStdDev(state: SeriesArray, offset: number): number {
  return Math.sqrt(state[offset + MSE]!);
}

/** Folds one day's net units (negative counts as 0) with that day's weekday factor into the series at `offset`. */
export function updateSeries(state: SeriesArray, offset: number, units: number, weekdayFactor: number, params: ForecastParams = DEFAULT_FORECAST_PARAMS): void {
  const x = units > 0 ? units : 0;
  const f = weekdayFactor > 0 ? weekdayFactor : 1;
  const { alpha, beta } = params;
  const days = state[offset + DAYS]!;
  if (days > 0) {
    const error = x - baseRate(state, offset, params) * f;
    state[offset + MSE] = beta * error * error + (1 - beta) * state[offset + MSE]!;
    state[offset + LEVEL] = (alpha * x) / f + (1 - alpha) * state[offset + LEVEL]!;
  } else {
    state[offset + LEVEL] = x / f;
  }
  const since = state[offset + SINCE]! + 1;
  if (x > 0) {
    if (state[offset + SIZE]! > 0) {
      state[offset + SIZE] = alpha * x + (1 - alpha) * state[offset + SIZE]!;
      state[offset + INTERVAL] = alpha * since + (1 - alpha) * state[offset + INTERVAL]!;
    } else {
      state[offset + SIZE] = x;
      state[offset + INTERVAL] = since;
    }
    state[offset + SINCE] = 0;
  } else {
    state[offset + SINCE] = since;
  }
  state[offset + DAYS] = days + 1;
}

/** A series fitted to a daily history (oldest first); `factorOf(i)` is the weekday factor of day i. */
export function fitSeries(daily: readonly number[], factorOf: (day: number) => number, params: ForecastParams = DEFAULT_FORECAST_PARAMS): Float64Array {
  const state = new Float64Array(SERIES_FIELDS);
  for (let i = 0; i < daily.length; i++) updateSeries(state, 0, daily[i]!, factorOf(i), params);
  return state;
}

/** The named fields of a series, for tests and explanations. */
export function seriesFields(state: SeriesArray, offset = 0) {
  return {
    level: state[offset + LEVEL]!,
    mse: state[offset + MSE]!,
    size: state[offset + SIZE]!,
    interval: state[offset + INTERVAL]!,
    sinceLastSale: state[offset + SINCE]!,
    days: state[offset + DAYS]!,
  };
}
