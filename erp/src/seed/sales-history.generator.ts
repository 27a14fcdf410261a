// Writes 90 days of daily unit sales per item and selling location (stores and the ecommerce FC) as uint16 blobs.
import { BatchInsert } from './batch-insert.js';
import { forEachChunk } from './progress-chunks.js';
import { DAY_OF_WEEK_FACTORS, dailyRateAt } from './demand-model.js';
import type { Prng } from './prng.js';
import { poisson } from './random-distributions.js';
import { isoDatePlusDays, type SeedContext } from './seed-context.js';
import type { ItemProfile, LocationProfile } from './seed-model.js';

export const HISTORY_DAYS = 90;
const UINT16_MAX = 65_535;
/** Below this mean the inlined inversion loop is used; above it, poisson()'s normal approximation. */
const INLINE_POISSON_BELOW = 30;

/**
 * Daily units are Poisson around rate x day-of-week factor: slow lines show the intermittent zeros that make
 * retail forecasting hard, fast lines show a clear weekly rhythm. This is the hot loop of the seed
 * (2,000 items x 301 locations x 90 days = 54M draws): per series only 7 exp() calls, no allocation.
 */
export function generateSalesHistory(ctx: SeedContext, items: readonly ItemProfile[], locations: readonly LocationProfile[]): number {
  const rng = ctx.rng('sales-history');
  const selling = locations.filter((l) => l.sellingSize > 0);
  const startDate = isoDatePlusDays(ctx.today, -HISTORY_DAYS);
  const startDayOfWeek = new Date(`${startDate}T00:00:00Z`).getUTCDay();
  // Day d of the series falls on weekday (startDayOfWeek + d) % 7: dayFactor[k] is the factor of days d = k mod 7.
  const dayFactor = Array.from({ length: 7 }, (_, k) => DAY_OF_WEEK_FACTORS[(startDayOfWeek + k) % 7] as number);
  const lambdas = new Float64Array(7);
  const expNeg = new Float64Array(7);
  const insert = new BatchInsert(ctx.sqlite, 'INSERT INTO sales_history (item_no, wh_code, start_date, daily, seq)', '(?, ?, ?, ?, ?)', 5);
  // One buffer per row of a batch: rows are bound when the batch is written, not when added.
  const buffers = Array.from({ length: insert.rowsPerBatch }, () => Buffer.alloc(HISTORY_DAYS * 2));

  forEachChunk(ctx, 'sales-history', items.length, (from, to) => {
    for (let i = from; i < to; i++) {
      const item = items[i] as ItemProfile;
      for (const location of selling) {
        const rate = dailyRateAt(ctx.seed, item.baseRate, i, location);
        for (let k = 0; k < 7; k++) {
          lambdas[k] = rate * (dayFactor[k] as number);
          expNeg[k] = Math.exp(-(lambdas[k] as number));
        }
        const daily = buffers[insert.slot] as Buffer;
        fillDailyUnits(rng, lambdas, expNeg, daily);
        insert.add(item.itemNo, location.code, startDate, daily, ctx.nextSeq());
      }
    }
    insert.flush();
  });
  return items.length * selling.length;
}

/** Poisson draws by inversion, inlined: a call per draw would double the cost of the whole history. */
function fillDailyUnits(rng: Prng, lambdas: Float64Array, expNeg: Float64Array, out: Buffer): void {
  for (let d = 0, k = 0; d < HISTORY_DAYS; d++, k = k === 6 ? 0 : k + 1) {
    const lambda = lambdas[k] as number;
    let units = 0;
    if (lambda >= INLINE_POISSON_BELOW) {
      units = Math.min(UINT16_MAX, poisson(rng, lambda));
    } else {
      const u = rng.next();
      let p = expNeg[k] as number;
      let cumulative = p;
      while (u > cumulative && units < 200) {
        units++;
        p *= lambda / units;
        cumulative += p;
      }
    }
    out[2 * d] = units & 0xff; // little-endian, whatever the host's byte order
    out[2 * d + 1] = units >>> 8;
  }
}
