// Calendar days as integers (days since 1970-01-01, UTC), so horizons and weekdays are plain arithmetic in hot loops.
const MS_PER_DAY = 86_400_000;

/** The day index of a YYYY-MM-DD date (or of the UTC day of an instant). */
export function dayIndexOf(value: string | Date): number {
  const ms = typeof value === 'string' ? Date.parse(`${value.slice(0, 10)}T00:00:00Z`) : value.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${String(value)}`);
  return Math.floor(ms / MS_PER_DAY);
}

/** YYYY-MM-DD of a day index. */
export function isoDateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday, as Date#getUTCDay (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
